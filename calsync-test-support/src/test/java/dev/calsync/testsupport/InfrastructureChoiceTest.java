package dev.calsync.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class InfrastructureChoiceTest {

    @Test
    void withoutASettingTheTestsRunOnLocalInfrastructure() {
        assertThat(InfrastructureChoice.of(name -> null, Map.of())).isEqualTo(InfrastructureChoice.LOCAL);
    }

    @Test
    void theSystemPropertyWinsOverTheEnvironment() {
        assertThat(InfrastructureChoice.of(name -> name.equals(InfrastructureChoice.PROPERTY) ? "Testcontainers" : null,
                Map.of(InfrastructureChoice.VARIABLE, "local"))).isEqualTo(InfrastructureChoice.TESTCONTAINERS);
        assertThat(InfrastructureChoice.of(name -> null, Map.of(InfrastructureChoice.VARIABLE, "testcontainers")))
                .isEqualTo(InfrastructureChoice.TESTCONTAINERS);
    }

    @Test
    void anUnknownChoiceIsAClearError() {
        assertThatThrownBy(() -> InfrastructureChoice.of(name -> null, Map.of(InfrastructureChoice.VARIABLE, "docker")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("CALSYNC_TEST_INFRASTRUCTURE is 'docker'")
                .hasMessageContaining("testcontainers");
    }

    @Test
    void theDefaultKafkaImageIsTheOneTheLocalBuildTags() throws IOException {
        // scripts/build-local-images tags the image with tools/kafka's <kafka.version>
        String pom = Files.readString(Path.of("..", "tools", "kafka", "pom.xml"));
        Matcher version = Pattern.compile("<kafka.version>([^<]+)</kafka.version>").matcher(pom);
        assertThat(version.find()).isTrue();
        assertThat(ContainerInfrastructure.DEFAULT_KAFKA_IMAGE).isEqualTo("calsync-local/kafka:" + version.group(1));
    }
}
