package dev.calsync.testsupport;

import com.github.dockerjava.api.exception.NotFoundException;
import java.net.URI;
import java.util.Map;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.PostgreSQLContainer;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * Kafka and PostgreSQL as Testcontainers containers, one each per JVM (the {@code testcontainers} choice of
 * {@link InfrastructureChoice}). The images are never pulled: by default the local substitutes that
 * {@code scripts/build-local-images} builds, used as the official images' compatible substitutes
 * ({@code calsync.test.kafka-image} / {@code CALSYNC_TEST_KAFKA_IMAGE} and {@code calsync.test.postgres-image}
 * / {@code CALSYNC_TEST_POSTGRES_IMAGE} name others, e.g. {@code apache/kafka:4.3.1} pulled beforehand).
 * Which engine, and Testcontainers' own switches ({@code DOCKER_HOST}, {@code TESTCONTAINERS_RYUK_DISABLED}, …),
 * come from the environment or {@code ~/.testcontainers.properties} as Testcontainers reads them; without
 * Ryuk the containers are stopped by a shutdown hook.
 */
final class ContainerInfrastructure {

    /** The version of tools/kafka/pom.xml, the tag scripts/build-local-images gives its Kafka image. */
    static final String DEFAULT_KAFKA_IMAGE = "calsync-local/kafka:4.3.1";
    static final String DEFAULT_POSTGRES_IMAGE = "calsync-local/postgres:15";

    private static KafkaContainer kafka;
    private static PostgreSQLContainer<?> postgres;

    private ContainerInfrastructure() {
    }

    static synchronized String kafkaBootstrapServers(Map<String, String> environment) {
        if (kafka == null) {
            DockerImageName image = localImage(kafkaImage(environment)).asCompatibleSubstituteFor("apache/kafka");
            KafkaContainer container = new KafkaContainer(image)
                    .withImagePullPolicy(name -> false)
                    // as the in-JVM broker: topics only from the services (explicit partitions), no join delay
                    .withEnv("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false")
                    .withEnv("KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS", "0")
                    .withEnv("KAFKA_OFFSETS_TOPIC_NUM_PARTITIONS", "4");
            start(container, "Kafka");
            kafka = container;
        }
        return kafka.getBootstrapServers();
    }

    static synchronized PostgresServer postgresServer(Map<String, String> environment) {
        if (postgres == null) {
            DockerImageName image = localImage(postgresImage(environment)).asCompatibleSubstituteFor("postgres");
            PostgreSQLContainer<?> container = new PostgreSQLContainer<>(image).withImagePullPolicy(name -> false);
            start(container, "PostgreSQL");
            postgres = container;
        }
        // the container's user is its superuser: it creates and drops the tests' databases
        return new PostgresServer(URI.create("postgresql://" + postgres.getHost() + ":" + postgres.getMappedPort(5432) + "/postgres"),
                postgres.getUsername(), postgres.getPassword());
    }

    static String kafkaImage(Map<String, String> environment) {
        return InfrastructureChoice.setting("calsync.test.kafka-image", "CALSYNC_TEST_KAFKA_IMAGE", DEFAULT_KAFKA_IMAGE, environment);
    }

    static String postgresImage(Map<String, String> environment) {
        return InfrastructureChoice.setting("calsync.test.postgres-image", "CALSYNC_TEST_POSTGRES_IMAGE", DEFAULT_POSTGRES_IMAGE, environment);
    }

    /** An image that must be on the engine already: a missing one is a clear failure, not a pull. */
    private static DockerImageName localImage(String name) {
        if (!DockerClientFactory.instance().isDockerAvailable()) {
            throw new IllegalStateException(InfrastructureChoice.PROPERTY + "=testcontainers, but no Docker engine answers (DOCKER_HOST="
                    + System.getenv().getOrDefault("DOCKER_HOST", "unset") + "); start one: eval \"$(scripts/docker-engine start)\","
                    + " or run the tests without the setting");
        }
        try {
            DockerClientFactory.instance().client().inspectImageCmd(name).exec();
        } catch (NotFoundException missing) {
            throw new IllegalStateException("the image " + name + " is not on the Docker engine and is never pulled: build it with"
                    + " scripts/build-local-images (or pull it and name it with calsync.test.kafka-image / calsync.test.postgres-image)",
                    missing);
        }
        return DockerImageName.parse(name);
    }

    private static void start(GenericContainer<?> container, String what) {
        container.start();
        Runtime.getRuntime().addShutdownHook(new Thread(container::stop, "testcontainers-stop-" + what));
    }
}
