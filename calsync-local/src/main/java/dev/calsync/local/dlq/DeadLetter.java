package dev.calsync.local.dlq;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeader;

/**
 * One record of a dead-letter topic, with what the binder or the writer's listener container wrote about it:
 * where it came from ({@code x-original-*}) and why it is here ({@code x-exception-*}).
 */
public record DeadLetter(int partition, long offset, Instant deadLetteredAt, String key, String originalTopic,
                         String originalPartition, String originalOffset, String exceptionClass, String exceptionMessage,
                         String cloudEventType, String cloudEventId, int payloadBytes) {

    public static final String ORIGINAL_TOPIC = "x-original-topic";
    static final String HEADER_PREFIX = "x-";

    public static DeadLetter of(ConsumerRecord<String, byte[]> record) {
        Headers headers = record.headers();
        return new DeadLetter(record.partition(), record.offset(), Instant.ofEpochMilli(record.timestamp()), record.key(),
                text(headers, ORIGINAL_TOPIC), number(headers, "x-original-partition"), number(headers, "x-original-offset"),
                text(headers, "x-exception-fqcn"), text(headers, "x-exception-message"), text(headers, "ce_type"),
                text(headers, "ce_id"), record.value() == null ? 0 : record.value().length);
    }

    /**
     * The headers a record goes back to its topic with: its own (CloudEvents, content type), without what the
     * dead-lettering added ({@code x-original-*}, {@code x-exception-*}: a stack trace has no place on a live topic).
     */
    public static List<Header> headersToSendBack(Headers headers) {
        List<Header> kept = new ArrayList<>();
        for (Header header : headers) {
            if (!header.key().startsWith(HEADER_PREFIX)) {
                kept.add(new RecordHeader(header.key(), header.value()));
            }
        }
        return kept;
    }

    /** The lines {@code dlq show} prints for it. */
    public String describe() {
        return """
                %d/%d  dead-lettered %s  key %s
                  from      %s (partition %s, offset %s)
                  type      %s  id %s  (%d bytes)
                  reason    %s%s
                """.formatted(partition, offset, deadLetteredAt, key, orDash(originalTopic), orDash(originalPartition),
                orDash(originalOffset), orDash(cloudEventType), orDash(cloudEventId), payloadBytes,
                exceptionClass == null ? "" : exceptionClass + ": ", orDash(exceptionMessage));
    }

    private static String orDash(String value) {
        return value == null || value.isBlank() ? "-" : value;
    }

    private static String text(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /** Spring Kafka writes partition and offset as big-endian int and long; older writers as text. */
    private static String number(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        if (header == null || header.value() == null) {
            return null;
        }
        byte[] value = header.value();
        if (value.length == Integer.BYTES) {
            return String.valueOf(ByteBuffer.wrap(value).getInt());
        }
        if (value.length == Long.BYTES) {
            return String.valueOf(ByteBuffer.wrap(value).getLong());
        }
        return new String(value, StandardCharsets.UTF_8);
    }
}
