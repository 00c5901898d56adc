package dev.calsync.local.dlq;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

class DeadLetterTest {

    @Test
    void readsWhereARecordCameFromAndWhyAsSpringKafkaWritesIt() {
        DeadLetter letter = DeadLetter.of(record(headers()));

        assertThat(letter.originalTopic()).isEqualTo("calsync.event-changed.v1");
        assertThat(letter.originalPartition()).isEqualTo("7");
        assertThat(letter.originalOffset()).isEqualTo("42");
        assertThat(letter.exceptionMessage()).isEqualTo("Google answered 400");
        assertThat(letter.cloudEventType()).isEqualTo("dev.calsync.event-changed.v1");
        assertThat(letter.describe()).contains("3/9", "key sub-1", "from      calsync.event-changed.v1 (partition 7, offset 42)",
                "reason    x.Boom: Google answered 400").doesNotContain("payload-text");
    }

    @Test
    void sendsBackOnlyTheRecordsOwnHeaders() {
        assertThat(DeadLetter.headersToSendBack(headers())).extracting(Header::key).containsExactly("ce_type", "contentType");
    }

    @Test
    void aRecordWithoutDeadLetterHeadersHasNoOrigin() {
        DeadLetter letter = DeadLetter.of(record(new RecordHeaders()));

        assertThat(letter.originalTopic()).isNull();
        assertThat(letter.describe()).contains("from      - (partition -, offset -)");
    }

    private static RecordHeaders headers() {
        RecordHeaders headers = new RecordHeaders();
        headers.add(text("ce_type", "dev.calsync.event-changed.v1"));
        headers.add(text("contentType", "application/json"));
        headers.add(text("x-original-topic", "calsync.event-changed.v1"));
        headers.add(new RecordHeader("x-original-partition", ByteBuffer.allocate(4).putInt(7).array()));
        headers.add(new RecordHeader("x-original-offset", ByteBuffer.allocate(8).putLong(42).array()));
        headers.add(text("x-exception-fqcn", "x.Boom"));
        headers.add(text("x-exception-message", "Google answered 400"));
        return headers;
    }

    private static RecordHeader text(String key, String value) {
        return new RecordHeader(key, value.getBytes(StandardCharsets.UTF_8));
    }

    private static ConsumerRecord<String, byte[]> record(RecordHeaders headers) {
        return new ConsumerRecord<>("calsync.event-changed.v1.dlq", 3, 9, 0L, TimestampType.CREATE_TIME, 0, 0, "sub-1",
                "payload-text".getBytes(StandardCharsets.UTF_8), headers, Optional.empty());
    }
}
