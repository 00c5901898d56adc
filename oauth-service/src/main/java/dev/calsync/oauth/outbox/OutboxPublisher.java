package dev.calsync.oauth.outbox;

import dev.calsync.support.messaging.EventPublisher;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Sends the outbox: polls unsent rows, publishes each (synchronously: a return means the broker has it)
 * and only then marks it sent. A crash between commit and send, or between send and mark, loses nothing:
 * the row is sent on the next pass (at least once; the stable CloudEvents id lets a reader spot a repeat).
 * Writers call {@link #wakeUp()} after their commit so an event does not wait for the next poll.
 */
@Component
public class OutboxPublisher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxPublisher.class);
    private static final int BATCH = 100;

    private final Outbox outbox;
    private final EventPublisher publisher;
    private final Duration interval;
    private final Object passLock = new Object();
    private volatile ScheduledExecutorService executor;
    private ScheduledFuture<?> polling;

    public OutboxPublisher(Outbox outbox, EventPublisher publisher,
                           @Value("${calsync.outbox.poll-interval:PT1S}") Duration interval) {
        this.outbox = outbox;
        this.publisher = publisher;
        this.interval = interval;
    }

    @Override
    public synchronized void start() {
        if (executor != null) {
            return;
        }
        executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "outbox-publisher");
            thread.setDaemon(true);
            return thread;
        });
        polling = executor.scheduleWithFixedDelay(this::passQuietly, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (executor == null) {
            return;
        }
        polling.cancel(false);
        executor.shutdown();
        try {
            executor.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        executor = null;
    }

    @Override
    public synchronized boolean isRunning() {
        return executor != null;
    }

    /** Stop after the web server (default phase) so a request's event is still sent on shutdown. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 2048;
    }

    /** Asks for a pass now; does nothing while stopped (the rows wait for the next start). */
    public void wakeUp() {
        ScheduledExecutorService current = executor;
        if (current != null) {
            try {
                current.execute(this::passQuietly);
            } catch (java.util.concurrent.RejectedExecutionException stopping) {
                // stopping: the row waits for the next start
            }
        }
    }

    private void passQuietly() {
        try {
            publishPending();
        } catch (RuntimeException e) {
            // the rows stay unsent; the next pass retries them in order
            log.warn("outbox pass failed, will retry: {}", e.toString());
        }
    }

    /** One pass, on the calling thread; stops at the first failure so order is kept. @return rows sent */
    public int publishPending() {
        synchronized (passLock) {
            return publishPendingLocked();
        }
    }

    private int publishPendingLocked() {
        int sent = 0;
        while (true) {
            List<Outbox.Entry> entries = outbox.unsent(BATCH).block(Duration.ofSeconds(30));
            if (entries == null || entries.isEmpty()) {
                return sent;
            }
            for (Outbox.Entry entry : entries) {
                publisher.publish(entry.event(), entry.id().toString());
                outbox.markSent(entry.id()).block(Duration.ofSeconds(30));
                sent++;
            }
            if (entries.size() < BATCH) {
                return sent;
            }
        }
    }
}
