package dev.calsync.systemtests.harness;

/** The four services of the stack, by the name that is also their module, consumer group and log file. */
public enum Service {
    OAUTH("oauth-service"),
    TOKEN("token-service"),
    FEED_INGEST("feed-ingest-service"),
    CALENDAR_WRITER("calendar-writer-service");

    private final String moduleName;

    Service(String moduleName) {
        this.moduleName = moduleName;
    }

    /** The module, its jar's prefix, {@code spring.application.name} and its consumer group. */
    public String moduleName() {
        return moduleName;
    }
}
