package dev.calsync.testsupport;

import java.nio.file.Path;

/** What {@link RealInfrastructure} gives a test class: a broker, its database and the run's secrets. */
public record Infrastructure(KafkaBroker kafka, PostgresDatabase postgres, Path secretsDir) {
}
