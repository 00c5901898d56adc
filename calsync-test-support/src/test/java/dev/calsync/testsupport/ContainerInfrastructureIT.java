package dev.calsync.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.model.Container;
import java.net.URI;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.testcontainers.DockerClientFactory;

/** The testcontainers choice really runs Kafka and PostgreSQL in containers of the local images (skipped otherwise). */
@RealInfrastructure
// a condition, not an assumption: it is evaluated before the extension starts anything
@EnabledIf(value = "containersChosen", disabledReason = "runs with -Dcalsync.test.infrastructure=testcontainers")
class ContainerInfrastructureIT {

    static boolean containersChosen() {
        return InfrastructureChoice.current(System.getenv()) == InfrastructureChoice.TESTCONTAINERS;
    }

    @Test
    void kafkaAndPostgresqlAreContainersOfTheLocalImages(Infrastructure infrastructure) throws Exception {
        String kafkaImage = ContainerInfrastructure.kafkaImage(System.getenv());
        String postgresImage = ContainerInfrastructure.postgresImage(System.getenv());
        List<Container> running = DockerClientFactory.instance().client().listContainersCmd().exec();
        int kafkaPort = Integer.parseInt(infrastructure.kafka().bootstrapServers().replaceAll(".*:", ""));
        assertThat(running).as("a running container of %s publishes the broker's port %s", kafkaImage, kafkaPort)
                .anySatisfy(container -> {
                    assertThat(container.getImage()).isEqualTo(kafkaImage);
                    assertThat(Arrays.stream(container.getPorts()).map(port -> port.getPublicPort())).contains(kafkaPort);
                });
        int postgresPort = URI.create(infrastructure.postgres().url()).getPort();
        assertThat(running).anySatisfy(container -> {
            assertThat(container.getImage()).isEqualTo(postgresImage);
            assertThat(Arrays.stream(container.getPorts()).map(port -> port.getPublicPort())).contains(postgresPort);
        });
        try (Connection connection = infrastructure.postgres().connect();
             ResultSet version = connection.createStatement().executeQuery("show server_version")) {
            version.next();
            assertThat(version.getString(1)).as("a real PostgreSQL server").matches("\\d+\\.\\d+.*");
        }
    }
}
