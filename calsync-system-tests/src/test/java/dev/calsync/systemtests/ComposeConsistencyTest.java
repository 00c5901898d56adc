package dev.calsync.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import dev.calsync.secrets.KeysetWrapping;
import dev.calsync.secrets.SecretName;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * docker-compose.yml describes the same system as {@code ./calsync up}; this keeps it honest without an
 * engine: every application is built from the one service Dockerfile, compose passes exactly the variables
 * each application reads (its yml placeholders and the secret store's own variables), and every variable a
 * service reads is documented in the README.
 */
class ComposeConsistencyTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final List<String> SERVICES = List.of("oauth-service", "token-service", "feed-ingest-service", "calendar-writer-service");
    private static final List<String> ALL_APPLICATIONS = List.of("google-emulator", "oauth-service", "token-service",
            "feed-ingest-service", "calendar-writer-service");
    /** The one service whose API (the page) the host reaches; the others are internal. */
    private static final String PUBLIC_SERVICE = "oauth-service";
    private static final String SERVICE_DOCKERFILE = "docker/service.Dockerfile";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)[:}]");

    @Test
    void everyApplicationIsBuiltFromTheOneServiceDockerfile() {
        Map<String, Object> services = services();
        assertThat(services).containsKeys(ALL_APPLICATIONS.toArray(String[]::new)).containsKeys("kafka", "postgres");
        assertThat(ROOT.resolve(SERVICE_DOCKERFILE)).isRegularFile();
        for (String application : ALL_APPLICATIONS) {
            Map<String, Object> entry = entry(services, application);
            @SuppressWarnings("unchecked")
            Map<String, Object> build = (Map<String, Object>) entry.get("build");
            assertThat(build).as("build of %s", application)
                    .containsEntry("context", ".").containsEntry("dockerfile", SERVICE_DOCKERFILE);
            assertThat(build.get("args")).as("build arguments of %s", application).asInstanceOf(InstanceOfAssertFactories.MAP)
                    .containsEntry("SERVICE", application).containsKey("BASE_IMAGE");
            assertThat(ROOT.resolve(application).resolve("Dockerfile")).as("a Dockerfile of %s's own", application).doesNotExist();
            assertThat(entry).as("healthcheck of %s", application).containsKey("healthcheck");
            // .secrets is 0700/0600: a container reads it only as the folder's owner
            assertThat(String.valueOf(entry.get("user"))).as("user of %s", application).startsWith("${CALSYNC_UID");
        }
    }

    /** The infrastructure images are variables whose defaults are the official images. */
    @Test
    void infrastructureImagesAreVariablesDefaultingToTheOfficialImages() {
        Map<String, Object> services = services();
        assertThat(entry(services, "kafka").get("image")).asString().startsWith("${KAFKA_IMAGE:-apache/kafka:");
        assertThat(entry(services, "postgres").get("image")).asString().startsWith("${POSTGRES_IMAGE:-postgres:");
    }

    @Test
    void composePassesExactlyTheVariablesEachApplicationReads() throws IOException {
        Map<String, Object> services = services();
        for (String application : ALL_APPLICATIONS) {
            Map<String, Object> environment = environment(entry(services, application));
            assertThat(environment.keySet()).as("variables compose passes to %s", application)
                    .containsExactlyInAnyOrderElementsOf(environmentVariables(application));
        }
    }

    /** The key-encryption key's credentials file is mounted where the variable points, in every service. */
    @Test
    void theKmsCredentialsFileIsMountedWhereItsVariablePoints() {
        Map<String, Object> services = services();
        String credentials = "${" + KeysetWrapping.KEK_CREDENTIALS_VARIABLE + ":-";
        for (String service : SERVICES) {
            Map<String, Object> entry = entry(services, service);
            assertThat(environment(entry).get(KeysetWrapping.KEK_CREDENTIALS_VARIABLE)).asString().startsWith(credentials);
            assertThat(entry.get("volumes")).as("volumes of %s", service).asList()
                    .anySatisfy(volume -> assertThat(volume.toString()).startsWith(credentials).contains(":" + credentials));
        }
    }

    @Test
    void servicesWaitForHealthyInfrastructureAndOnlyThePagesServiceIsPublished() {
        Map<String, Object> services = services();
        for (String service : SERVICES) {
            Map<String, Object> entry = entry(services, service);
            @SuppressWarnings("unchecked")
            Map<String, Map<String, String>> dependsOn = (Map<String, Map<String, String>>) entry.get("depends_on");
            assertThat(dependsOn).containsKeys("kafka", "postgres");
            assertThat(dependsOn.values()).allSatisfy(condition -> assertThat(condition).containsEntry("condition", "service_healthy"));
            Map<String, Object> environment = environment(entry);
            String port = environment.get("SERVER_PORT").toString();
            if (service.equals(PUBLIC_SERVICE)) {
                assertThat(entry.get("ports")).asList().containsExactly("127.0.0.1:" + port + ":" + port);
            } else {
                assertThat(entry).as("published ports of internal %s", service).doesNotContainKey("ports");
                assertThat(entry.get("expose")).as("exposed ports of %s", service).asList().contains(port);
            }
            assertThat(entry).containsKey("mem_limit");
        }
    }

    /** Actuator's management port is for the compose network only: health checks use it, the host never sees it. */
    @Test
    void managementPortsAreExposedToTheNetworkOnlyAndCheckHealth() {
        Map<String, Object> services = services();
        for (String service : SERVICES) {
            Map<String, Object> entry = entry(services, service);
            Map<String, Object> environment = environment(entry);
            assertThat(environment).as("environment of %s", service).containsKey("MANAGEMENT_PORT").containsKey("MANAGEMENT_ADDRESS");
            String managementPort = environment.get("MANAGEMENT_PORT").toString();
            assertThat(managementPort).as("management port of %s", service).isNotEqualTo(environment.get("SERVER_PORT").toString());
            assertThat(entry.get("ports") == null ? List.of() : (List<?>) entry.get("ports")).as("published ports of %s", service)
                    .noneSatisfy(published -> assertThat(published.toString()).contains(managementPort));
            assertThat(entry.get("expose")).as("exposed ports of %s", service).asList().contains(managementPort);
            assertThat(entry.get("healthcheck").toString()).as("healthcheck of %s", service)
                    .contains("http://127.0.0.1:" + managementPort + "/actuator/health");
        }
    }

    @Test
    void theReadmeDocumentsEveryVariableAServiceReads() throws IOException {
        String readme = Files.readString(ROOT.resolve("README.md"));
        Set<String> undocumented = new TreeSet<>();
        for (String application : ALL_APPLICATIONS) {
            for (String variable : readVariables(application)) {
                if (!readme.contains("`" + variable + "`")) {
                    undocumented.add(variable);
                }
            }
        }
        assertThat(undocumented).as("variables missing from the README's configuration table").isEmpty();
    }

    /**
     * Everything an application reads from its environment: its placeholders and, for services, the secret
     * store's variables (the key-encryption key and each secret's content instead of its file).
     */
    static Set<String> environmentVariables(String application) throws IOException {
        Set<String> variables = readVariables(application);
        if (SERVICES.contains(application)) {
            variables.add(KeysetWrapping.KEK_URI_VARIABLE);
            variables.add(KeysetWrapping.KEK_CREDENTIALS_VARIABLE);
            for (SecretName secret : SecretName.values()) {
                variables.add(secret.environmentVariable());
            }
        }
        return variables;
    }

    /** The ${VARIABLE} placeholders of an application's own yml and, for services, of the shared defaults. */
    static Set<String> readVariables(String application) throws IOException {
        Set<String> variables = new LinkedHashSet<>();
        collect(ROOT.resolve(application).resolve("src/main/resources/"
                + (application.equals("google-emulator") ? "google-emulator.yml" : "application.yml")), variables);
        if (SERVICES.contains(application)) {
            collect(ROOT.resolve("calsync-service-support/src/main/resources/calsync-defaults.yml"), variables);
        }
        return variables;
    }

    private static void collect(Path yml, Set<String> into) throws IOException {
        Matcher matcher = PLACEHOLDER.matcher(Files.readString(yml));
        while (matcher.find()) {
            into.add(matcher.group(1));
        }
    }

    private static Map<String, Object> services() {
        try {
            Map<String, Object> compose = new Yaml().load(Files.readString(ROOT.resolve("docker-compose.yml")));
            @SuppressWarnings("unchecked")
            Map<String, Object> services = (Map<String, Object>) compose.get("services");
            return services;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read docker-compose.yml", e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> environment(Map<String, Object> entry) {
        return (Map<String, Object>) entry.get("environment");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> entry(Map<String, Object> services, String name) {
        return (Map<String, Object>) services.get(name);
    }
}
