package dev.calsync.support.messaging;

import dev.calsync.contracts.CalsyncEvent;
import dev.calsync.contracts.CloudEventHeaders;
import dev.calsync.contracts.ContractJson;
import dev.calsync.contracts.ContractType;
import dev.calsync.contracts.MalformedMessageException;
import io.micrometer.core.instrument.Metrics;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;

/**
 * Builds the imperative consumers the services bind: raw bytes in, decoded by the shared codec (tolerant
 * of unknown fields, strict on required ones), handed to the service's handler. A record that cannot be
 * read throws {@link MalformedMessageException}, which the binder does not retry (see calsync-defaults.yml):
 * it goes to the binding's dead-letter topic where there is one, and is logged with its position otherwise.
 */
public final class ContractConsumers {

    /** Records that could not be read, per contract type (Micrometer's global registry, which Boot joins). */
    public static final String MALFORMED_METRIC = "calsync.inbound.malformed";

    private ContractConsumers() {
    }

    public static <T extends CalsyncEvent> Consumer<Message<byte[]>> of(Class<T> type, Consumer<ReceivedEvent<T>> handler) {
        ContractType contract = ContractType.of(type);
        return message -> {
            ReceivedEvent<T> event;
            try {
                event = decode(message, contract, type);
            } catch (MalformedMessageException malformed) {
                // counted once per record: the binder does not retry it (a count above one means it did)
                Metrics.counter(MALFORMED_METRIC, "type", type.getSimpleName()).increment();
                throw malformed;
            }
            handler.accept(event);
        };
    }

    /**
     * Decodes a record a consumer took straight from Kafka (not through a binding's function), by the same rules:
     * its CloudEvents type must be the contract's where it has one, and the payload must satisfy the contract.
     *
     * @throws MalformedMessageException counted in {@value #MALFORMED_METRIC}
     */
    public static <T extends CalsyncEvent> T decodeRecord(ConsumerRecord<?, ?> record, Class<T> type) {
        try {
            return decodeUncounted(record, type);
        } catch (MalformedMessageException malformed) {
            Metrics.counter(MALFORMED_METRIC, "type", type.getSimpleName()).increment();
            throw malformed;
        }
    }

    /**
     * {@link #decodeRecord} for a look ahead (which records could be handled together, say): a record that cannot be
     * read is empty here and counted only when it is decoded for its own handling.
     */
    public static <T extends CalsyncEvent> Optional<T> peekRecord(ConsumerRecord<?, ?> record, Class<T> type) {
        try {
            return Optional.of(decodeUncounted(record, type));
        } catch (MalformedMessageException malformed) {
            return Optional.empty();
        }
    }

    private static <T extends CalsyncEvent> T decodeUncounted(ConsumerRecord<?, ?> record, Class<T> type) {
        ContractType contract = ContractType.of(type);
        Header typeHeader = record.headers().lastHeader(CloudEventHeaders.TYPE);
        String cloudEventType = typeHeader == null ? null : new String(typeHeader.value(), StandardCharsets.UTF_8);
        if (cloudEventType != null && !cloudEventType.equals(contract.cloudEventType())) {
            throw new MalformedMessageException(type, "expected ce_type " + contract.cloudEventType() + " on "
                    + contract.topic() + " but the record's ce_type is " + cloudEventType);
        }
        if (!(record.value() instanceof byte[] payload)) {
            throw new MalformedMessageException(type, "the record has no payload");
        }
        return ContractJson.decode(payload, type);
    }

    static <T extends CalsyncEvent> ReceivedEvent<T> decode(Message<byte[]> message, ContractType contract, Class<T> type) {
        MessageHeaders headers = message.getHeaders();
        String cloudEventType = cloudEventHeader(headers, CloudEventHeaders.TYPE);
        if (cloudEventType != null && !cloudEventType.equals(contract.cloudEventType())) {
            throw new MalformedMessageException(type, "expected ce_type " + contract.cloudEventType() + " on "
                    + contract.topic() + " but the record's ce_type is " + cloudEventType);
        }
        T payload = ContractJson.decode(message.getPayload(), type);
        return new ReceivedEvent<>(payload,
                header(headers, KafkaHeaders.RECEIVED_KEY),
                cloudEventHeader(headers, CloudEventHeaders.ID),
                cloudEventType,
                cloudEventHeader(headers, CloudEventHeaders.SOURCE),
                cloudEventHeader(headers, CloudEventHeaders.SPEC_VERSION),
                cloudEventHeader(headers, CloudEventHeaders.TIME),
                header(headers, KafkaHeaders.RECEIVED_TOPIC),
                headers.get(KafkaHeaders.RECEIVED_PARTITION, Integer.class),
                headers.get(KafkaHeaders.OFFSET, Long.class));
    }

    /**
     * Spring Cloud Function recognises inbound CloudEvents and renames their {@code ce_} headers to the
     * {@code ce-} form before the consumer sees them; on the wire they stay {@code ce_} (Kafka binding).
     */
    static String cloudEventHeader(MessageHeaders headers, String name) {
        String value = header(headers, name);
        return value != null ? value : header(headers, name.replace('_', '-'));
    }

    /** Header values arrive as String or raw bytes depending on the producer; both are accepted. */
    static String header(MessageHeaders headers, String name) {
        Object value = headers.get(name);
        if (value == null) {
            return null;
        }
        if (value instanceof byte[] bytes) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        return value.toString();
    }
}
