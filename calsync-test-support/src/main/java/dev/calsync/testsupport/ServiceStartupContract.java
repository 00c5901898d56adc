package dev.calsync.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * What every calsync service must show once started against a real broker and database: ready and
 * live (the Kafka binder and the database included), a Prometheus scrape, Actuator on the management port
 * only (binding changes there only with the service credential), a binding for every topic of
 * the design it touches (consumers in its own group), and its own schema migrated by Flyway. A service's
 * test extends this and names its own expectations.
 */
@CalsyncServiceTest
public abstract class ServiceStartupContract {

    private static final List<String> ACTUATOR_PATHS = List.of("/actuator", "/actuator/health", "/actuator/health/readiness",
            "/actuator/info", "/actuator/prometheus", "/actuator/bindings", "/actuator/clock");

    /** The API port. */
    @Autowired
    protected WebTestClient http;

    @LocalManagementPort
    protected int managementPort;

    /** An anonymous client of the management port. */
    protected WebTestClient management;

    @BeforeEach
    void connectToTheManagementPort() {
        management = ManagementPort.client(managementPort);
    }

    /** {@code spring.application.name}, which is also the consumer group. */
    protected abstract String applicationName();

    protected abstract String schema();

    /** Binding name to topic. */
    protected abstract Map<String, String> bindings();

    /** The database's health component: {@code r2dbc} for the services on R2DBC, {@code db} for one on JDBC. */
    protected String databaseHealthComponent() {
        return "r2dbc";
    }

    @Test
    void isReadyAndLiveWithItsBrokerAndDatabase() throws Exception {
        ServiceChecks.assertReadyAndLive(management, databaseHealthComponent());
        ServiceChecks.assertPrometheusScrape(management, applicationName());
    }

    @Test
    void bindsEveryTopicOfTheDesignItTouchesInItsOwnGroup() throws Exception {
        ServiceChecks.assertBindings(management, applicationName(), bindings());
    }

    @Test
    void noActuatorPathAnswersOnTheApiPort() {
        for (String path : ACTUATOR_PATHS) {
            http.get().uri(path).exchange().expectStatus().isNotFound();
        }
        ManagementPort.changeBindingState(http, aBinding(), "PAUSED").expectStatus().isNotFound();
    }

    @Test
    void theManagementPortChangesABindingOnlyForTheServiceCredential() throws Exception {
        String binding = aBinding();
        ManagementPort.changeBindingState(management, binding, "PAUSED").expectStatus().isUnauthorized();
        WebTestClient wrongCredential = management.mutate().defaultHeader("Authorization", "Bearer wrong-credential").build();
        ManagementPort.changeBindingState(wrongCredential, binding, "PAUSED").expectStatus().isUnauthorized();
        assertThat(bindingState(binding)).isEqualTo("running");

        ManagementPort.setBindingState(managementPort, binding, "PAUSED");
        try {
            assertThat(bindingState(binding)).isEqualTo("paused");
        } finally {
            ManagementPort.setBindingState(managementPort, binding, "RESUMED");
        }
        assertThat(bindingState(binding)).isEqualTo("running");
    }

    /**
     * Health (read anonymously, as {@link #isReadyAndLiveWithItsBrokerAndDatabase} and the scrape are) shows each
     * component's status, never its details (addresses, versions).
     */
    @Test
    void healthShowsAnonymousCallersNoComponentDetails() {
        management.get().uri("/actuator/health").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.components." + databaseHealthComponent() + ".status").exists()
                .jsonPath("$.components." + databaseHealthComponent() + ".details").doesNotExist();
    }

    /** A consumer binding (pausing one is what operators do), else any. */
    private String aBinding() {
        return bindings().keySet().stream().filter(name -> name.endsWith("-in-0")).findFirst()
                .orElseGet(() -> bindings().keySet().iterator().next());
    }

    private String bindingState(String binding) throws Exception {
        return ServiceChecks.bindingState(management, binding);
    }

    /** Every consumer binding has a dead-letter topic: an unreadable record waits there, it is never dropped. */
    @Test
    void everyConsumerBindingHasItsDeadLetterTopicOnTheBroker(KafkaBroker kafka) throws Exception {
        Set<String> topics;
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            topics = admin.listTopics().names().get();
        }
        bindings().forEach((binding, topic) -> {
            if (binding.endsWith("-in-0")) {
                assertThat(topics).contains(deadLetterTopic(topic));
            }
        });
    }

    /** The design names the writer's dead letters {@code calsync.event-changed.v1.dlq}; the rest are per consumer. */
    private String deadLetterTopic(String topic) {
        return topic.equals("calsync.event-changed.v1") ? topic + ".dlq" : topic + "." + applicationName() + ".dlq";
    }

    @Test
    void flywayCreatedItsOwnSchema(PostgresDatabase postgres) throws Exception {
        try (Connection connection = postgres.connect();
             ResultSet result = connection.createStatement().executeQuery(
                     "select count(*) from " + schema() + ".flyway_schema_history where success")) {
            result.next();
            assertThat(result.getInt(1)).isGreaterThanOrEqualTo(1);
        }
    }
}
