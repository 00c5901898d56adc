package dev.calsync.calendarwriter.eventchange;

import dev.calsync.calendarwriter.config.WriterProperties;
import dev.calsync.calendarwriter.lanes.Outcome;
import dev.calsync.calendarwriter.lanes.RecordLanes;
import dev.calsync.calendarwriter.lanes.Retries;
import dev.calsync.calendarwriter.park.Parking;
import dev.calsync.calendarwriter.quota.GooglePacing;
import dev.calsync.contracts.event.ChangeType;
import dev.calsync.contracts.event.EventChanged;
import dev.calsync.support.messaging.ContractConsumers;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
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
            return failed(record, change, retries, failure);
        }
    }

    /**
     * Consecutive changes of one subscriber: those that can go together (one grant, each of its own event, no feed
     * removal) are written with their first Google calls in one batch ({@link EventChangeHandler#handleTogether}); the
     * group ends before the first that cannot join, which runs in its turn.
     */
    @Override
    public List<Outcome> processTogether(List<ConsumerRecord<?, ?>> records, List<Retries> retries) {
        List<EventChanged> group = joinable(records);
        if (group.size() < 2) {
            return RecordLanes.Work.super.processTogether(records, retries);
        }
        List<Outcome> outcomes = new ArrayList<>(Collections.nCopies(records.size(), Outcome.NOT_RUN));
        EventChanged first = group.get(0);
        List<EventChangeHandler.Attempt> attempts;
        try {
            if (parking.takeIfParked(first)) {
                outcomes.set(0, Outcome.DONE);
                return outcomes;
            }
            Duration quotaWait = pacing.untilNextCall(first.subscriberId());
            if (!quotaWait.isZero()) {
                outcomes.set(0, new Outcome.Again(quotaWait));
                return outcomes;
            }
            attempts = handler.handleTogether(group);
        } catch (IOException | RuntimeException failure) {
            // nothing of the group is known to be written: the first is retried as any failure; the others wait their turn
            RuntimeException asRuntime = failure instanceof IOException io
                    ? new TransientWriteException("a batch of changes got no answer", io) : (RuntimeException) failure;
            outcomes.set(0, Outcome.of(failed(records.get(0), first, retries.get(0), asRuntime)));
            return outcomes;
        }
        if (attempts.get(0) instanceof EventChangeHandler.Attempt.NotRun) {
            // another lane took the quota between the look and the batch: the first waits for the next room, the rest
            // for their turn
            outcomes.set(0, new Outcome.Again(atLeastAMillisecond(pacing.untilNextCall(first.subscriberId()))));
            return outcomes;
        }
        for (int i = 0; i < attempts.size(); i++) {
            EventChangeHandler.Attempt attempt = attempts.get(i);
            if (attempt instanceof EventChangeHandler.Attempt.Done) {
                outcomes.set(i, Outcome.DONE);
            } else if (attempt instanceof EventChangeHandler.Attempt.Failed failed) {
                outcomes.set(i, Outcome.of(failed(records.get(i), group.get(i), retries.get(i), failed.failure())));
            }
        }
        return outcomes;
    }

    private static Duration atLeastAMillisecond(Duration wait) {
        return wait.compareTo(Duration.ofMillis(1)) < 0 ? Duration.ofMillis(1) : wait;
    }

    /** The leading records that can be written together: readable, one grant, distinct events, no feed removal. */
    static List<EventChanged> joinable(List<ConsumerRecord<?, ?>> records) {
        List<EventChanged> group = new ArrayList<>();
        Set<String> events = new HashSet<>();
        for (ConsumerRecord<?, ?> record : records) {
            Optional<EventChanged> readable = ContractConsumers.peekRecord(record, EventChanged.class);
            if (readable.isEmpty()) {
                break;
            }
            EventChanged change = readable.get();
            // a series and its overrides share a UID: never in one batch, whose parts Google runs in any order
            boolean joins = change.changeType() != ChangeType.FEED_REMOVED && change.uid() != null
                    && (group.isEmpty() || change.grantId().equals(group.get(0).grantId())
                        && change.feedId() != null && change.subscriberId().equals(group.get(0).subscriberId()))
                    && events.add(change.feedId() + "\n" + change.uid());
            if (!joins) {
                break;
            }
            group.add(change);
        }
        return group;
    }

    private Optional<Duration> failed(ConsumerRecord<?, ?> record, EventChanged change, Retries retries, RuntimeException failure) {
        Throwable cause = FailurePolicy.cause(failure);
        Optional<Duration> wait = retries.after(FailurePolicy.kind(cause), () -> FailurePolicy.backOffFor(cause, properties));
        if (wait.isPresent()) {
            log.debug("change at {}-{}@{} tried again in {}: {}", record.topic(), record.partition(), record.offset(),
                    wait.get(), cause.toString());
            return wait;
        }
        return deadLetter(record, change, failure);
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
