package dev.calsync.testsupport;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Gives the test class a real Kafka broker and a secrets folder (one each per JVM) and a PostgreSQL
 * database: the one of its Spring context configuration, shared with every class of that configuration
 * and kept to the end of the run, or, for a class that starts no Spring context, a fresh one dropped
 * after it. Points the services' variables ({@code KAFKA_BOOTSTRAP_SERVERS}, {@code POSTGRES_URL},
 * {@code POSTGRES_USER}, {@code POSTGRES_PASSWORD}, {@code CALSYNC_SECRETS_DIR}) at them as system
 * properties for the class's duration. Declare it before {@code @SpringBootTest} so that the variables
 * are set before the context starts; {@link CalsyncServiceTest} does both. Where the broker and the server
 * come from is a setting ({@code -Dcalsync.test.infrastructure=testcontainers}: containers on a Docker
 * engine; see {@link InfrastructureChoice}).
 */
@Documented
@Inherited
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(RealInfrastructureExtension.class)
public @interface RealInfrastructure {
}
