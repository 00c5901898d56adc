package dev.calsync.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import dev.calsync.secrets.SecretName;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

@RealInfrastructure
class RealInfrastructureExtensionIT {

    @Test
    void givesARealBrokerThatCarriesRecords(KafkaBroker kafka) throws Exception {
        String topic = "infra-test-" + UUID.randomUUID();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
        }
        Properties producerConfig = new Properties();
        producerConfig.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerConfig, new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, "key-1", "hello")).get();
        }
        Properties consumerConfig = new Properties();
        consumerConfig.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        consumerConfig.put(ConsumerConfig.GROUP_ID_CONFIG, "infra-test");
        consumerConfig.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerConfig, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            ConsumerRecords<String, String> records = ConsumerRecords.empty();
            for (int i = 0; i < 20 && records.isEmpty(); i++) {
                records = consumer.poll(Duration.ofMillis(500));
            }
            assertThat(records.count()).isEqualTo(1);
            assertThat(records.iterator().next().key()).isEqualTo("key-1");
        }
    }

    @Test
    void givesAFreshDatabaseOnARealServer(PostgresDatabase postgres) throws Exception {
        try (Connection connection = postgres.connect();
             ResultSet result = connection.createStatement().executeQuery("select current_database(), version()")) {
            result.next();
            assertThat(result.getString(1)).isEqualTo(postgres.name()).startsWith("calsync_test_realinfrastructure");
            assertThat(result.getString(2)).startsWith("PostgreSQL");
        }
    }

    @Test
    void pointsTheServicesVariablesAtItAndCreatesSecrets(Infrastructure infrastructure) {
        assertThat(System.getProperty("KAFKA_BOOTSTRAP_SERVERS")).isEqualTo(infrastructure.kafka().bootstrapServers());
        assertThat(System.getProperty("POSTGRES_URL")).isEqualTo(infrastructure.postgres().url()).startsWith("postgresql://");
        assertThat(System.getProperty("CALSYNC_SECRETS_DIR")).isEqualTo(infrastructure.secretsDir().toString());
        for (SecretName name : SecretName.values()) {
            assertThat(infrastructure.secretsDir().resolve(name.fileName())).isRegularFile();
        }
    }
}
