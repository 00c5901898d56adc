package dev.calsync.calendarwriter;

import dev.calsync.testsupport.ServiceStartupContract;
import java.util.Map;

class CalendarWriterServiceStartupIT extends ServiceStartupContract {

    @Override
    protected String applicationName() {
        return "calendar-writer-service";
    }

    @Override
    protected String schema() {
        return "calendar_writer";
    }

    /** The writer keeps its maps over JDBC (its consumer thread blocks anyway). */
    @Override
    protected String databaseHealthComponent() {
        return "db";
    }

    @Override
    protected Map<String, String> bindings() {
        return Map.of(
                "eventChanges-in-0", "calsync.event-changed.v1",
                "tokenRevocations-in-0", "calsync.token-revoked.v1",
                "resyncRequested", "calsync.resync-requested.v1",
                "syncStatus", "calsync.sync-status.v1");
    }
}
