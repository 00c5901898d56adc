package dev.calsync.token.grant;

import static org.assertj.core.api.Assertions.assertThat;

import dev.calsync.contracts.Topics;
import dev.calsync.testsupport.CalsyncServiceTest;
import dev.calsync.testsupport.KafkaBroker;
import dev.calsync.testsupport.TopicRecords;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/**
 * A grant token-service cannot read is not dropped: it waits in token-service's dead-letter topic with
 * the reason, and the reason never quotes the record (which carries a refresh-token ciphertext).
 */
@CalsyncServiceTest
class TokenGrantedDeadLetterIT {

    @Test
    void anUnreadableGrantGoesToTheDeadLetterTopicWithAReasonThatQuotesNothing(KafkaBroker kafka) throws Exception {
        String subscriber = "sub-" + UUID.randomUUID();
        byte[] grantWithoutId = ("{\"subscriberId\":\"" + subscriber + "\",\"grantedAt\":\"2026-11-23T10:00:00Z\","
                + "\"googleSubject\":\"1234\",\"email\":\"a@example.com\",\"scopes\":[\"openid\"],"
                + "\"oauthClientId\":\"web\",\"encryptedRefreshToken\":\"AVeryRecognisableCiphertext\"}")
                .getBytes(StandardCharsets.UTF_8);

        TopicRecords.send(kafka, new ProducerRecord<>(Topics.TOKEN_GRANTED, subscriber, grantWithoutId));

        ConsumerRecord<String, byte[]> deadLetter = TopicRecords.awaitFirst(kafka,
                Topics.TOKEN_GRANTED + ".token-service.dlq",
                record -> subscriber.equals(record.key()) && Arrays.equals(record.value(), grantWithoutId),
                Duration.ofSeconds(60));
        assertThat(TopicRecords.header(deadLetter, "x-original-topic")).hasValue(Topics.TOKEN_GRANTED);
        assertThat(TopicRecords.header(deadLetter, "x-exception-message")).hasValueSatisfying(message -> assertThat(message)
                .contains("TokenGranted.grantId is required")
                .doesNotContain("AVeryRecognisableCiphertext"));
    }
}
