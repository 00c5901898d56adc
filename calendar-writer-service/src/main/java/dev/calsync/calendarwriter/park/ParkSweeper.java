package dev.calsync.calendarwriter.park;

import dev.calsync.calendarwriter.config.WriterProperties;
import dev.calsync.contracts.event.EventChanged;
import dev.calsync.contracts.resync.ResyncReason;
import dev.calsync.contracts.resync.ResyncRequested;
import dev.calsync.support.messaging.EventPublisher;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Lifts the parks that ended, every {@code calsync.writer.park-check-interval}: for each, the removals it held
 * are sent again, then a resync of every feed of the subscriber is requested, and the park row goes — all in one
 * transaction that locks the row, so two instances never lift the same park, and a failed send leaves the park
 * to the next pass (a send that happened twice costs nothing: the writer's map sees the versions it wrote).
 */
@Component
public class ParkSweeper implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ParkSweeper.class);

    /** Parks lifted per transaction; more wait for the next pass, which comes at once. */
    private static final int BATCH = 100;

    private final SubscriberParks parks;
    private final EventPublisher publisher;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final Duration interval;
    private volatile ScheduledExecutorService timer;

    public ParkSweeper(SubscriberParks parks, EventPublisher publisher, TransactionTemplate transaction, Clock clock,
                       WriterProperties properties) {
        this.parks = parks;
        this.publisher = publisher;
        this.transaction = transaction;
        this.clock = clock;
        this.interval = properties.parkCheckInterval();
    }

    /** One pass: lifts the ended parks. @return how many */
    public int liftEnded() {
        int lifted = 0;
        Integer batch;
        do {
            batch = transaction.execute(status -> {
                List<String> ended = parks.endedForUpdate(clock.instant(), BATCH);
                for (String subscriber : ended) {
                    for (EventChanged removal : parks.takeRemovals(subscriber)) {
                        publisher.publish(removal);
                    }
                    publisher.publish(new ResyncRequested(subscriber, null, ResyncReason.SUBSCRIBER_UNPARKED, clock.instant()));
                    parks.lift(subscriber);
                    log.info("park of subscriber {} ended: resync of every feed requested", subscriber);
                }
                return ended.size();
            });
            lifted += batch == null ? 0 : batch;
        } while (batch != null && batch == BATCH);
        return lifted;
    }

    @Override
    public synchronized void start() {
        if (timer == null) {
            timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "writer-park-sweeper");
                thread.setDaemon(true);
                return thread;
            });
            timer.scheduleWithFixedDelay(this::pass, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void pass() {
        try {
            liftEnded();
        } catch (RuntimeException e) {
            // the database or Kafka away: the parks stay and the next pass tries again
            log.warn("lifting ended parks failed; the next pass tries again: {}", e.toString());
        }
    }

    @Override
    public synchronized void stop() {
        if (timer != null) {
            timer.shutdownNow();
            timer = null;
        }
    }

    @Override
    public boolean isRunning() {
        return timer != null;
    }
}
