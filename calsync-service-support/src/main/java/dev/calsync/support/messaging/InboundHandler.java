package dev.calsync.support.messaging;

import dev.calsync.contracts.CalsyncEvent;

/** What a service does with one decoded record of a topic it consumes. Must be safe to replay. */
@FunctionalInterface
public interface InboundHandler<T extends CalsyncEvent> {

    void handle(ReceivedEvent<T> event);
}
