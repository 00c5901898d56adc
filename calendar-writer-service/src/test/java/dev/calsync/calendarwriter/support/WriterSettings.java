package dev.calsync.calendarwriter.support;

import dev.calsync.calendarwriter.config.WriterProperties;
import java.util.Map;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** The writer's settings for tests that need no Spring context: as Spring binds them, defaults included. */
public final class WriterSettings {

    private WriterSettings() {
    }

    /** The given settings ({@code calsync.writer.*} names), the rest at their defaults. */
    public static WriterProperties with(Map<String, String> settings) {
        return new Binder(new MapConfigurationPropertySource(settings)).bindOrCreate("calsync.writer", WriterProperties.class);
    }
}
