package dev.calsync.testsupport;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.testcontainers.DockerClientFactory;

class ContainerInfrastructureTest {

    /** Where no engine answers (as in CI's test stage), asking for containers is an error that says what to do. */
    @Test
    void withoutAnEngineTheContainersChoiceFailsSayingSo() {
        // only where Testcontainers finds no engine to ask: asking one that answers would start its helper
        // containers, pulling their images unless Testcontainers is configured for this project's engine
        assumeTrue(System.getenv("DOCKER_HOST") == null && !Files.exists(Path.of("/var/run/docker.sock"))
                && !Files.exists(Path.of(System.getProperty("user.home"), ".testcontainers.properties")), "a Docker engine may answer here");
        assumeFalse(DockerClientFactory.instance().isDockerAvailable(), "a Docker engine answers here");
        assertThatThrownBy(() -> ContainerInfrastructure.kafkaBootstrapServers(Map.of()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("calsync.test.infrastructure=testcontainers, but no Docker engine answers")
                .hasMessageContaining("scripts/docker-engine start");
        assertThatThrownBy(() -> ContainerInfrastructure.postgresServer(Map.of()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no Docker engine answers");
    }
}
