package dev.calsync.testsupport;

import java.util.Map;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * A real Kafka broker for tests: with the {@code testcontainers} choice ({@link InfrastructureChoice}) a
 * Testcontainers-started one; else the one named by {@code KAFKA_BOOTSTRAP_SERVERS} when set (a shared
 * broker), otherwise an Apache Kafka broker in KRaft mode started inside the test JVM (about two seconds). One broker serves every test class of a JVM; tests must therefore not
 * assume empty topics and should look for their own subscriber ids.
 */
public final class KafkaBroker implements AutoCloseable {

    private final String bootstrapServers;
    private final EmbeddedKafkaKraftBroker embedded;

    private KafkaBroker(String bootstrapServers, EmbeddedKafkaKraftBroker embedded) {
        this.bootstrapServers = bootstrapServers;
        this.embedded = embedded;
    }

    static KafkaBroker start(Map<String, String> environment) {
        if (InfrastructureChoice.current(environment) == InfrastructureChoice.TESTCONTAINERS) {
            // stopped by the container's shutdown hook, as the PostgreSQL container is
            return new KafkaBroker(ContainerInfrastructure.kafkaBootstrapServers(environment), null);
        }
        String external = environment.get("KAFKA_BOOTSTRAP_SERVERS");
        if (external != null && !external.isBlank()) {
            return new KafkaBroker(external, null);
        }
        EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 1);
        broker.brokerProperties(Map.of(
                        "group.initial.rebalance.delay.ms", "0",
                        "auto.create.topics.enable", "false",
                        "offsets.topic.num.partitions", "4"));
        broker.afterPropertiesSet();
        return new KafkaBroker(broker.getBrokersAsString(), broker);
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public boolean isEmbedded() {
        return embedded != null;
    }

    @Override
    public void close() {
        if (embedded != null) {
            embedded.destroy();
        }
    }
}
