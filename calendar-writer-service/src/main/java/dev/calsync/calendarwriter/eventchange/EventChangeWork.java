package dev.calsync.calendarwriter.eventchange;

import dev.calsync.calendarwriter.config.WriterProperties;
import dev.calsync.calendarwriter.lanes.RecordLanes;
import dev.calsync.calendarwriter.lanes.Retries;
import dev.calsync.calendarwriter.park.Parking;
import dev.calsync.calendarwriter.quota.GooglePacing;
import dev.calsync.contracts.event.EventChanged;
import dev.calsync.support.messaging.ContractConsumers;
import java.time.Duration;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * What a lane does with one record of calsync.event-changed.v1: read it, take it aside if its subscriber is
 * parked, wait while the subscriber or the project has no Google quota left ({@link GooglePacing}; the lane waits
 * on its timer, no worker is held), write it ({@link EventChangeHandler}); on a failure, wait and try again or
 * dead-letter it, as {@link FailurePolicy} says. Finishes a record only once it is written, skipped, parked or
 * dead-lettered.
 */
@Component
public class EventChangeWork implements RecordLanes.Work {

    private static final Logger log = LoggerFactory.getLogger(EventChangeWork.class);

    private final EventChangeHandler handler;
    private final Parking parking;
    private final DeadLetters deadLetters;
    private final GooglePacing pacing;
    private final WriterProperties properties;

    public EventChangeWork(EventChangeHandler handler, Parking parking, DeadLetters deadLetters, GooglePacing pacing,
                           WriterProperties properties) {
        this.handler = handler;
        this.parking = parking;
        this.deadLetters = deadLetters;
        this.pacing = pacing;
        this.properties = properties;
    }

    @Override
    public Optional<Duration> process(ConsumerRecord<?, ?> record, Retries retries) {
        EventChanged change = null;
        try {
            change = ContractConsumers.decodeRecord(record, EventChanged.class);
            if (parking.takeIfParked(change)) {
                return Optional.empty();
            }
            Duration quotaWait = pacing.untilNextCall(change.subscriberId());
            if (!quotaWait.isZero()) {
                return Optional.of(quotaWait);
            }
            handler.handle(change);
            return Optional.empty();
        } catch (RuntimeException failure) {
            Throwable cause = FailurePolicy.cause(failure);
            Optional<Duration> wait = retries.after(FailurePolicy.kind(cause), () -> FailurePolicy.backOffFor(cause, properties));
            if (wait.isPresent()) {
                log.debug("change at {}-{}@{} tried again in {}: {}", record.topic(), record.partition(), record.offset(),
                        wait.get(), cause.toString());
                return wait;
            }
            return deadLetter(record, change, failure);
        }
    }

    private Optional<Duration> deadLetter(ConsumerRecord<?, ?> record, EventChanged change, RuntimeException failure) {
        try {
            deadLetters.send(record, change, failure);
            return Optional.empty();
        } catch (RuntimeException notSent) {
            // the broker or the database away: the record stays unfinished and its lane tries again
            log.warn("change at {}-{}@{} could not be dead-lettered yet: {}", record.topic(), record.partition(),
                    record.offset(), notSent.toString());
            return Optional.of(properties.redeliveryInitialBackoff());
        }
    }
}
