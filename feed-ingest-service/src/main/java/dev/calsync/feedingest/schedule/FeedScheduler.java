package dev.calsync.feedingest.schedule;

import dev.calsync.feedingest.config.FeedIngestProperties;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Polls for due feeds every {@code pollEvery}, claims as many as it has free workers, and runs each on a
 * worker thread (fetching, parsing and emitting block; they never run on an event-loop thread).
 * {@link #pollSoon()} lets a refresh request or a new subscription start within moments.
 */
@Component
public class FeedScheduler implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(FeedScheduler.class);

    private final FeedLeases leases;
    private final FeedRunner runner;
    private final FeedIngestProperties properties;
    private final Clock clock;
    private final String instanceId = "feed-ingest-" + UUID.randomUUID();
    private final Semaphore freeWorkers;
    private final AtomicBoolean running = new AtomicBoolean();
    private ScheduledExecutorService poller;
    private ExecutorService workers;

    public FeedScheduler(FeedLeases leases, FeedRunner runner, FeedIngestProperties properties, Clock clock) {
        this.leases = leases;
        this.runner = runner;
        this.properties = properties;
        this.clock = clock;
        this.freeWorkers = new Semaphore(properties.workers());
    }

    public void pollSoon() {
        if (running.get()) {
            poller.execute(this::poll);
        }
    }

    void poll() {
        try {
            int capacity = Math.min(freeWorkers.availablePermits(), properties.claimBatch());
            if (capacity <= 0) {
                return;
            }
            List<String> claimed = leases.claimDue(instanceId, capacity, clock.instant(), properties.lease());
            for (String feedId : claimed) {
                freeWorkers.acquireUninterruptibly();
                workers.execute(() -> {
                    try {
                        runner.run(feedId, instanceId);
                    } catch (RuntimeException unexpected) {
                        log.error("run of feed {} failed unexpectedly", feedId, unexpected);
                    } finally {
                        leases.release(feedId, instanceId);
                        freeWorkers.release();
                    }
                });
            }
        } catch (RuntimeException pollFailed) {
            // the database may be briefly away; the next poll tries again
            log.warn("polling for due feeds failed: {}", pollFailed.toString());
        }
    }

    @Override
    public void start() {
        poller = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "feed-poller"));
        workers = Executors.newFixedThreadPool(properties.workers(), r -> new Thread(r, "feed-worker"));
        running.set(true);
        long every = properties.pollEvery().toMillis();
        poller.scheduleWithFixedDelay(this::poll, every, every, TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        running.set(false);
        poller.shutdownNow();
        workers.shutdown();
        try {
            workers.awaitTermination(15, TimeUnit.SECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running.get();
    }
}
