package dev.calsync.calendarwriter.lanes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Lanes keep each key's order, run keys side by side, and do not let one waiting key hold the others. */
class SubscriberLanesTest {

    private final SubscriberLanes lanes = new SubscriberLanes(2);

    @AfterEach
    void close() {
        lanes.close();
    }

    private static SubscriberLanes.Job job(Supplier<Optional<Duration>> body) {
        return new SubscriberLanes.Job() {
            @Override
            public boolean cancelled() {
                return false;
            }

            @Override
            public Optional<Duration> run() {
                return body.get();
            }
        };
    }

    @Test
    void eachKeysJobsRunInTheOrderTheyCameWhileKeysRunSideBySide() {
        Map<String, List<Integer>> seen = new ConcurrentHashMap<>();
        for (int i = 0; i < 200; i++) {
            int number = i;
            String key = "subscriber-" + (i % 5);
            lanes.submit(key, job(() -> {
                seen.computeIfAbsent(key, k -> Collections.synchronizedList(new ArrayList<>())).add(number);
                return Optional.empty();
            }));
        }

        await().atMost(Duration.ofSeconds(10)).until(() -> seen.values().stream().mapToInt(List::size).sum() == 200);
        seen.forEach((key, numbers) -> assertThat(numbers).as(key).isSorted().hasSize(40));
        await().atMost(Duration.ofSeconds(5)).until(() -> lanes.activeLanes() == 0);
    }

    @Test
    void aJobThatMustWaitHoldsItsOwnLaneOnlyAndRunsAgainInItsTurn() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        List<String> order = Collections.synchronizedList(new ArrayList<>());
        lanes.submit("slow", job(() -> {
            order.add("slow-" + attempts.incrementAndGet());
            return attempts.get() < 3 ? Optional.of(Duration.ofMillis(200)) : Optional.empty();
        }));
        lanes.submit("slow", job(() -> {
            order.add("slow-next");
            return Optional.empty();
        }));
        CountDownLatch others = new CountDownLatch(10);
        for (int i = 0; i < 10; i++) {
            // two workers: while the slow lane waits, it holds neither
            lanes.submit("other-" + i, job(() -> {
                others.countDown();
                return Optional.empty();
            }));
        }

        assertThat(others.await(2, TimeUnit.SECONDS)).as("other lanes ran while the slow one waited").isTrue();
        await().atMost(Duration.ofSeconds(5)).until(() -> order.contains("slow-next"));
        assertThat(order).containsExactly("slow-1", "slow-2", "slow-3", "slow-next");
    }

    @Test
    void aCancelledJobIsDroppedUnrun() {
        AtomicInteger ran = new AtomicInteger();
        lanes.submit("k", new SubscriberLanes.Job() {
            @Override
            public boolean cancelled() {
                return true;
            }

            @Override
            public Optional<Duration> run() {
                ran.incrementAndGet();
                return Optional.empty();
            }
        });
        lanes.submit("k", job(() -> {
            ran.addAndGet(10);
            return Optional.empty();
        }));

        await().atMost(Duration.ofSeconds(5)).until(() -> lanes.activeLanes() == 0);
        assertThat(ran).hasValue(10);
    }

    /** A job of the grouped lanes below: its name, and what it becomes at each attempt. */
    private record Named(String name, List<Outcome> attempts, AtomicInteger tried) implements SubscriberLanes.Job {
        Named(String name, Outcome... attempts) {
            this(name, List.of(attempts), new AtomicInteger());
        }

        @Override
        public boolean cancelled() {
            return false;
        }

        @Override
        public Optional<Duration> run() {
            throw new AssertionError("the lane had queued more than " + name + ": its jobs go to the group runner");
        }

        Outcome attempt() {
            return attempts.get(Math.min(tried.getAndIncrement(), attempts.size() - 1));
        }
    }

    /** Lanes on one worker that hand up to three {@link Named} jobs at once to a runner noting each group's names. */
    private static SubscriberLanes groupsOfThreeOnOneWorker(List<List<String>> groups) {
        return new SubscriberLanes(1, 3, jobs -> {
            groups.add(jobs.stream().map(job -> ((Named) job).name()).toList());
            return jobs.stream().map(job -> ((Named) job).attempt()).toList();
        });
    }

    /** Another key's job holds the lanes' only worker until the returned latch opens: the test's jobs queue up meanwhile. */
    private static CountDownLatch occupyTheOnlyWorker(SubscriberLanes lanes) throws InterruptedException {
        CountDownLatch queued = new CountDownLatch(1);
        CountDownLatch occupied = new CountDownLatch(1);
        lanes.submit("other", job(() -> {
            occupied.countDown();
            try {
                queued.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return Optional.empty();
        }));
        assertThat(occupied.await(5, TimeUnit.SECONDS)).isTrue();
        return queued;
    }

    @Test
    void aGroupsJobsEachGoTheirOwnWayAndTheLaneKeepsItsOrder() throws Exception {
        List<List<String>> groups = Collections.synchronizedList(new ArrayList<>());
        SubscriberLanes grouped = groupsOfThreeOnOneWorker(groups);
        try {
            CountDownLatch queued = occupyTheOnlyWorker(grouped);
            // first group: one waits, one is done, one is not run; the second group starts with the one that waited,
            // once its time has come, and takes the one not run and the next in line
            grouped.submit("k", new Named("first", new Outcome.Again(Duration.ofMillis(150)), Outcome.DONE));
            grouped.submit("k", new Named("second", Outcome.DONE));
            grouped.submit("k", new Named("third", Outcome.NOT_RUN, Outcome.DONE));
            grouped.submit("k", new Named("fourth", Outcome.DONE));
            queued.countDown();

            await().atMost(Duration.ofSeconds(5)).until(() -> grouped.activeLanes() == 0);
            assertThat(groups).containsExactly(List.of("first", "second", "third"), List.of("first", "third", "fourth"));
        } finally {
            grouped.close();
        }
    }

    @Test
    void aJobWaitingBehindTheHeadEndsTheGroupBeforeIt() throws Exception {
        List<List<String>> groups = Collections.synchronizedList(new ArrayList<>());
        SubscriberLanes grouped = groupsOfThreeOnOneWorker(groups);
        try {
            CountDownLatch queued = occupyTheOnlyWorker(grouped);
            grouped.submit("k", new Named("first", Outcome.DONE));
            grouped.submit("k", new Named("second", new Outcome.Again(Duration.ofMillis(150)), Outcome.DONE));
            grouped.submit("k", new Named("third", Outcome.NOT_RUN, Outcome.DONE));
            queued.countDown();

            await().atMost(Duration.ofSeconds(5)).until(() -> grouped.activeLanes() == 0);
            assertThat(groups).containsExactly(List.of("first", "second", "third"), List.of("second", "third"));
        } finally {
            grouped.close();
        }
    }
}
