package dev.calsync.calendarwriter.lanes;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
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
 *
 * <p>A lane with several jobs queued may hand up to {@code maxGroup} of them at once to {@link Together} (the
 * writer sends their Google calls in one batch). What each of them became is applied to it alone: a finished job
 * leaves the lane wherever it stood, one to try again waits for its time, one not run stays in its place.
 */
final class SubscriberLanes implements AutoCloseable {

    /** A unit of work in a lane. */
    interface Job {
        /** Whether the job is dropped unrun (its partition was taken away). */
        boolean cancelled();

        /** @return empty when done, else how long until it runs again */
        Optional<Duration> run();
    }

    /** Runs several consecutive jobs of one lane together. */
    @FunctionalInterface
    interface Together {
        /**
         * @param jobs at least two jobs of one lane, in their order, none cancelled or waiting
         * @return what became of each, in the same order; the first must have been tried (not {@link Outcome.NotRun})
         */
        List<Outcome> run(List<Job> jobs);
    }

    private static final Logger log = LoggerFactory.getLogger(SubscriberLanes.class);

    /** A job that throws what it should have handled is tried again after this long, not lost. */
    private static final Duration AFTER_AN_UNEXPECTED_ERROR = Duration.ofSeconds(5);

    private final Map<String, Lane> lanes = new ConcurrentHashMap<>();
    private final ExecutorService workers;
    private final ScheduledExecutorService timer;
    private final int maxGroup;
    private final Together together;

    /** Lanes that run one job at a time. */
    SubscriberLanes(int workerCount) {
        this(workerCount, 1, jobs -> {
            throw new IllegalStateException("these lanes run one job at a time");
        });
    }

    SubscriberLanes(int workerCount, int maxGroup, Together together) {
        if (maxGroup < 1) {
            throw new IllegalArgumentException("a group holds at least one job, not " + maxGroup);
        }
        this.maxGroup = maxGroup;
        this.together = together;
        this.workers = new ThreadPoolExecutor(workerCount, workerCount, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(),
                named("writer-lane-"));
        this.timer = new ScheduledThreadPoolExecutor(1, named("writer-lane-timer-"));
    }

    /** Queues a job at the end of the key's lane. */
    void submit(String key, Job job) {
        Lane[] toStart = new Lane[1];
        lanes.compute(key, (k, lane) -> {
            Lane target = lane == null ? new Lane(k) : lane;
            target.jobs.addLast(new Queued(job));
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

    /** A job in its lane, and when it may run again after it asked to wait ({@link System#nanoTime()}). */
    private static final class Queued {
        final Job job;
        long notBefore;

        Queued(Job job) {
            this.job = job;
        }
    }

    private final class Lane implements Runnable {

        final String key;
        /** Guarded by the map's lock on {@link #key}: changed only inside {@code lanes.compute}. */
        final ArrayDeque<Queued> jobs = new ArrayDeque<>();
        boolean scheduled;

        Lane(String key) {
            this.key = key;
        }

        @Override
        public void run() {
            List<Queued> group = group();
            if (!group.isEmpty() && group.get(0).notBefore - System.nanoTime() > 0) {
                // woken early: wait for the head's time
                continueAfter(group.get(0).notBefore);
                return;
            }
            List<Outcome> outcomes = group.isEmpty() ? List.of() : runGroup(group);
            long now = System.nanoTime();
            long[] headNotBefore = new long[1];
            boolean[] more = new boolean[1];
            lanes.computeIfPresent(key, (k, lane) -> {
                for (int i = 0; i < outcomes.size(); i++) {
                    Queued queued = group.get(i);
                    Outcome outcome = outcomes.get(i);
                    if (outcome instanceof Outcome.Done) {
                        lane.jobs.removeIf(candidate -> candidate == queued);
                    } else if (outcome instanceof Outcome.Again again) {
                        queued.notBefore = now + again.after().toNanos();
                    }
                }
                while (!lane.jobs.isEmpty() && lane.jobs.peekFirst().job.cancelled()) {
                    lane.jobs.pollFirst();
                }
                if (lane.jobs.isEmpty()) {
                    lane.scheduled = false;
                    return null;
                }
                more[0] = true;
                headNotBefore[0] = lane.jobs.peekFirst().notBefore;
                return lane;
            });
            if (more[0]) {
                continueAfter(headNotBefore[0]);
            }
        }

        /** Back on the pool now (to the back of its queue: other lanes take their turn first) or when the head's time comes. */
        private void continueAfter(long notBefore) {
            if (workers.isShutdown()) {
                return;
            }
            long wait = notBefore - System.nanoTime();
            if (wait > 0) {
                timer.schedule(() -> workers.execute(this), wait, TimeUnit.NANOSECONDS);
            } else {
                workers.execute(this);
            }
        }

        private List<Outcome> runGroup(List<Queued> group) {
            try {
                if (group.size() == 1) {
                    return List.of(Outcome.of(group.get(0).job.run()));
                }
                List<Outcome> outcomes = together.run(group.stream().map(queued -> queued.job).toList());
                if (outcomes.size() != group.size() || outcomes.get(0) instanceof Outcome.NotRun) {
                    throw new IllegalStateException("a group of " + group.size() + " jobs came back with " + outcomes);
                }
                return outcomes;
            } catch (RuntimeException | Error unexpected) {
                log.error("a job of lane {} failed unexpectedly; it runs again in {}", key, AFTER_AN_UNEXPECTED_ERROR, unexpected);
                List<Outcome> outcomes = new ArrayList<>();
                outcomes.add(new Outcome.Again(AFTER_AN_UNEXPECTED_ERROR));
                group.stream().skip(1).forEach(queued -> outcomes.add(Outcome.NOT_RUN));
                return outcomes;
            }
        }

        /**
         * The first job not cancelled (cancelled ones are dropped on the way) and, behind it, up to
         * {@code maxGroup - 1} more that are neither cancelled nor waiting for their time.
         */
        private List<Queued> group() {
            List<Queued> group = new ArrayList<>();
            long now = System.nanoTime();
            lanes.computeIfPresent(key, (k, lane) -> {
                while (!lane.jobs.isEmpty() && lane.jobs.peekFirst().job.cancelled()) {
                    lane.jobs.pollFirst();
                }
                for (Queued queued : lane.jobs) {
                    if (group.size() == maxGroup || !group.isEmpty() && (queued.job.cancelled() || queued.notBefore - now > 0)) {
                        break;
                    }
                    group.add(queued);
                }
                return lane;
            });
            return group;
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
