package dev.calsync.support.messaging;

import dev.calsync.contracts.CalsyncEvent;

/**
 * A decoded record with where it came from, for handlers that log, dedupe or report it.
 *
 * @param key           the Kafka key (the subscriber id for every calsync topic)
 * @param cloudEventId  {@code ce_id}; null when a foreign producer omitted it (so are the other ce_ fields)
 * @param cloudEventTime {@code ce_time} as sent (RFC 3339)
 */
public record ReceivedEvent<T extends CalsyncEvent>(T payload, String key, String cloudEventId, String cloudEventType,
                                                    String cloudEventSource, String cloudEventSpecVersion, String cloudEventTime,
                                                    String topic, Integer partition, Long offset) {

    /** Where the record sits, for log lines and status messages (never its content: it may hold ciphertext). */
    public String position() {
        return topic + "/" + partition + "@" + offset;
    }
}
