package dev.calsync.support.messaging;

import dev.calsync.contracts.CalsyncEvent;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stands in a binding whose service logic has not landed yet: the record is decoded (so a malformed one
 * still fails loudly), counted in {@code calsync.inbound.acknowledged} and logged by position only.
 */
public class AcknowledgeOnlyHandler<T extends CalsyncEvent> implements InboundHandler<T> {

    private static final Logger log = LoggerFactory.getLogger(AcknowledgeOnlyHandler.class);

    private final MeterRegistry meters;

    public AcknowledgeOnlyHandler(MeterRegistry meters) {
        this.meters = meters;
    }

    @Override
    public void handle(ReceivedEvent<T> event) {
        meters.counter("calsync.inbound.acknowledged", "type", event.payload().getClass().getSimpleName()).increment();
        log.info("acknowledged {} at {} (no handler in this service yet)",
                event.payload().getClass().getSimpleName(), event.position());
    }
}
