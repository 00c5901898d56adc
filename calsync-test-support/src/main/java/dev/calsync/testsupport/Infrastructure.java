package dev.calsync.testsupport;

import java.nio.file.Path;

/** What {@link RealInfrastructure} gives a test class: a broker, a fresh database and its own secrets. */
public record Infrastructure(KafkaBroker kafka, PostgresDatabase postgres, Path secretsDir) {
}
