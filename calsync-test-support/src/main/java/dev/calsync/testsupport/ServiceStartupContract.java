package dev.calsync.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * What every calsync service must show once started against a real broker and database: ready and
 * live (the Kafka binder and the database included), a Prometheus scrape, a binding for every topic of
 * the design it touches (consumers in its own group), and its own schema migrated by Flyway. A service's
 * test extends this and names its own expectations.
 */
@CalsyncServiceTest
public abstract class ServiceStartupContract {

    @Autowired
    protected WebTestClient http;

    /** {@code spring.application.name}, which is also the consumer group. */
    protected abstract String applicationName();

    protected abstract String schema();

    /** Binding name to topic. */
    protected abstract Map<String, String> bindings();

    @Test
    void isReadyAndLiveWithItsBrokerAndDatabase() throws Exception {
        ServiceChecks.assertReadyAndLive(http);
        ServiceChecks.assertPrometheusScrape(http, applicationName());
    }

    @Test
    void bindsEveryTopicOfTheDesignItTouchesInItsOwnGroup() throws Exception {
        ServiceChecks.assertBindings(http, applicationName(), bindings());
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
