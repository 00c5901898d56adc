package dev.calsync.calendarwriter.lanes;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One lane per key (a subscriber): a lane's jobs run one after another in the order they were submitted,
 * lanes run side by side on a fixed pool of workers. After each job the lane goes to the back of the pool's
 * queue, so a subscriber with thousands of changes takes turns with the one who edited a single event. A job
 * that must be tried again later does not hold a worker while it waits: the lane is put back on the pool when
 * its time comes, and the lane's later jobs wait behind it (order within a subscriber is kept).
 */
final class SubscriberLanes implements AutoCloseable {

    /** A unit of work in a lane. */
    interface Job {
        /** Whether the job is dropped unrun (its partition was taken away). */
        boolean cancelled();

        /** @return empty when done, else how long until it runs again */
        Optional<Duration> run();
    }

    private static final Logger log = LoggerFactory.getLogger(SubscriberLanes.class);

    /** A job that throws what it should have handled is tried again after this long, not lost. */
    private static final Duration AFTER_AN_UNEXPECTED_ERROR = Duration.ofSeconds(5);

    private final Map<String, Lane> lanes = new ConcurrentHashMap<>();
    private final ExecutorService workers;
    private final ScheduledExecutorService timer;

    SubscriberLanes(int workerCount) {
        this.workers = new ThreadPoolExecutor(workerCount, workerCount, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(),
                named("writer-lane-"));
        this.timer = new ScheduledThreadPoolExecutor(1, named("writer-lane-timer-"));
    }

    /** Queues a job at the end of the key's lane. */
    void submit(String key, Job job) {
        Lane[] toStart = new Lane[1];
        lanes.compute(key, (k, lane) -> {
            Lane target = lane == null ? new Lane(k) : lane;
            target.jobs.addLast(job);
            if (!target.scheduled) {
                target.scheduled = true;
                toStart[0] = target;
            }
            return target;
        });
        if (toStart[0] != null) {
            workers.execute(toStart[0]);
        }
    }

    /** Lanes with work queued, running or waiting to be tried again. */
    int activeLanes() {
        return lanes.size();
    }

    @Override
    public void close() {
        timer.shutdownNow();
        workers.shutdownNow();
        try {
            workers.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private final class Lane implements Runnable {

        final String key;
        /** Guarded by the map's lock on {@link #key}: changed only inside {@code lanes.compute}. */
        final ArrayDeque<Job> jobs = new ArrayDeque<>();
        boolean scheduled;

        Lane(String key) {
            this.key = key;
        }

        @Override
        public void run() {
            Job job = head();
            Optional<Duration> again = Optional.empty();
            if (job != null) {
                try {
                    again = job.run();
                } catch (RuntimeException | Error unexpected) {
                    log.error("a job of lane {} failed unexpectedly; it runs again in {}", key, AFTER_AN_UNEXPECTED_ERROR, unexpected);
                    again = Optional.of(AFTER_AN_UNEXPECTED_ERROR);
                }
            }
            if (again.isPresent()) {
                if (!workers.isShutdown()) {
                    timer.schedule(() -> workers.execute(this), again.get().toMillis(), TimeUnit.MILLISECONDS);
                }
                return;
            }
            boolean[] more = new boolean[1];
            lanes.computeIfPresent(key, (k, lane) -> {
                if (job != null && lane.jobs.peekFirst() == job) {
                    lane.jobs.pollFirst();
                }
                if (lane.jobs.isEmpty()) {
                    lane.scheduled = false;
                    return null;
                }
                more[0] = true;
                return lane;
            });
            if (more[0] && !workers.isShutdown()) {
                // to the back of the queue: other lanes take their turn first
                workers.execute(this);
            }
        }

        /** The first job not cancelled; cancelled ones are dropped on the way. */
        private Job head() {
            Job[] head = new Job[1];
            lanes.computeIfPresent(key, (k, lane) -> {
                while (!lane.jobs.isEmpty() && lane.jobs.peekFirst().cancelled()) {
                    lane.jobs.pollFirst();
                }
                head[0] = lane.jobs.peekFirst();
                return lane;
            });
            return head[0];
        }
    }

    private static ThreadFactory named(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
