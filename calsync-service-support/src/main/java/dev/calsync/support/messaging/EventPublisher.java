package dev.calsync.support.messaging;

import dev.calsync.contracts.CalsyncEvent;
import dev.calsync.contracts.CloudEventHeaders;
import dev.calsync.contracts.ContractJson;
import dev.calsync.contracts.ContractType;
import java.time.Clock;
import java.util.UUID;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.util.MimeTypeUtils;

/**
 * Publishes a contract record on its topic through the service's output binding: keyed by subscriber
 * (one person's changes stay in order on one partition), encoded by the shared codec, with the
 * CloudEvents headers set explicitly so any Kafka tool can read them. Producers are synchronous, so a
 * return means the broker acknowledged the record.
 */
public class EventPublisher {

    private final StreamBridge streamBridge;
    private final Clock clock;
    private final String source;

    public EventPublisher(StreamBridge streamBridge, Clock clock, String applicationName) {
        this.streamBridge = streamBridge;
        this.clock = clock;
        this.source = "/calsync/" + applicationName;
    }

    public void publish(CalsyncEvent event) {
        publish(event, UUID.randomUUID().toString());
    }

    /** @param cloudEventId a stable id when the same event may be sent again (an outbox row's id) */
    public void publish(CalsyncEvent event, String cloudEventId) {
        ContractType type = ContractType.of(event.getClass());
        Message<byte[]> message = MessageBuilder.withPayload(ContractJson.encode(event))
                .setHeader(KafkaHeaders.KEY, event.subscriberId())
                .setHeader(CloudEventHeaders.ID, cloudEventId)
                .setHeader(CloudEventHeaders.TYPE, type.cloudEventType())
                .setHeader(CloudEventHeaders.SOURCE, source)
                .setHeader(CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_VALUE)
                .setHeader(CloudEventHeaders.TIME, clock.instant().toString())
                .setHeader(MessageHeaders.CONTENT_TYPE, MimeTypeUtils.APPLICATION_JSON_VALUE)
                .build();
        String binding = OutputBindings.nameFor(type);
        if (!streamBridge.send(binding, message)) {
            throw new IllegalStateException("binding " + binding + " did not accept a " + type.cloudEventType() + " record");
        }
    }
}
