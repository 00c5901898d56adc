package dev.calsync.calendarwriter.lanes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.kafka.support.Acknowledgment;

/**
 * The lanes against the container's side: acknowledgments only up to the lowest unfinished record, back-pressure
 * by pausing the partition, and a revocation that waits for started work and then acknowledges nothing more.
 */
class RecordLanesTest {

    private static final TopicPartition PARTITION = new TopicPartition("calsync.event-changed.v1", 0);

    private final List<Long> acknowledged = Collections.synchronizedList(new ArrayList<>());
    private final Set<String> blocked = ConcurrentHashMap.newKeySet();
    private final CountDownLatch release = new CountDownLatch(1);
    /** Counted down when a record of a blocked key has started and waits. */
    private final CountDownLatch blockedStarted = new CountDownLatch(1);
    private final Set<TopicPartition> paused = ConcurrentHashMap.newKeySet();
    private RecordLanes lanes;

    @AfterEach
    void close() {
        release.countDown();
        lanes.close();
    }

    /** Records of a blocked key wait for {@link #release}; every other record finishes at once. */
    private RecordLanes lanes(int maxInFlight, Duration drainTimeout) {
        lanes = new RecordLanes(4, 1, maxInFlight, drainTimeout, (record, retries) -> {
            if (blocked.contains(new String((byte[]) record.key(), StandardCharsets.UTF_8))) {
                blockedStarted.countDown();
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return Optional.empty();
        });
        lanes.attach(container());
        return lanes;
    }

    private void deliver(long offset, String key) {
        ConsumerRecord<byte[], byte[]> record = new ConsumerRecord<>(PARTITION.topic(), PARTITION.partition(), offset,
                key.getBytes(StandardCharsets.UTF_8), new byte[0]);
        lanes.accept(record, new Acknowledgment() {
            @Override
            public void acknowledge() {
                acknowledged.add(offset);
            }
        });
    }

    /** Only what the lanes use: pausing and resuming partitions. */
    private MessageListenerContainer container() {
        return (MessageListenerContainer) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {MessageListenerContainer.class}, (proxy, method, args) -> {
                    if (method.getName().equals("pausePartition")) {
                        paused.add((TopicPartition) args[0]);
                    } else if (method.getName().equals("resumePartition")) {
                        paused.remove(args[0]);
                    }
                    return method.getReturnType() == boolean.class ? false : null;
                });
    }

    @Test
    void aBusySubscriberHoldsBackTheCommitButNotTheOthersWrites() {
        lanes(100, Duration.ofSeconds(5));
        blocked.add("busy");
        deliver(0, "quick");
        deliver(1, "busy");
        deliver(2, "quick");
        deliver(3, "other");

        await().atMost(Duration.ofSeconds(5)).until(() -> acknowledged.contains(0L));
        await().atMost(Duration.ofSeconds(5)).until(() -> lanes.inFlight() == 3);
        assertThat(acknowledged).as("nothing past the busy record at offset 1").containsExactly(0L);

        release.countDown();
        await().atMost(Duration.ofSeconds(5)).until(() -> acknowledged.contains(3L));
        assertThat(lanes.inFlight()).isZero();
    }

    @Test
    void aPartitionIsPausedWhenItsOpenRecordsReachTheLimitAndResumedAtHalf() {
        lanes(4, Duration.ofSeconds(5));
        lanes.assigned(List.of(PARTITION));
        blocked.add("busy");
        for (long offset = 0; offset < 4; offset++) {
            deliver(offset, "busy");
        }
        assertThat(paused).containsExactly(PARTITION);

        release.countDown();
        await().atMost(Duration.ofSeconds(5)).until(paused::isEmpty);
        await().atMost(Duration.ofSeconds(5)).until(() -> acknowledged.contains(3L));
    }

    @Test
    void pausingForEveryoneOverridesAndOutlastsBackPressure() {
        lanes(100, Duration.ofSeconds(5));
        lanes.assigned(List.of(PARTITION));

        lanes.pauseAll(true);
        assertThat(paused).containsExactly(PARTITION);
        assertThat(lanes.pausedPartitions()).isEqualTo(1);

        lanes.pauseAll(false);
        assertThat(paused).isEmpty();
    }

    @Test
    void aRevokedPartitionWaitsForStartedWorkThenAcknowledgesNothingMore() throws Exception {
        lanes(100, Duration.ofMillis(300));
        blocked.add("busy");
        deliver(0, "busy");
        deliver(1, "busy");
        assertThat(blockedStarted.await(5, TimeUnit.SECONDS)).isTrue();

        // offset 0 is running and outlives the drain timeout; offset 1 never starts
        lanes.revoked(List.of(PARTITION));
        release.countDown();

        // the finished write is not acknowledged: the new owner of the partition reads it again
        await().atMost(Duration.ofSeconds(5)).until(() -> lanes.activeLanes() == 0);
        assertThat(acknowledged).isEmpty();
        assertThat(lanes.inFlight()).isZero();
    }

    @Test
    void aRevokedPartitionAcknowledgesWhatFinishedWithinTheDrainTimeout() throws Exception {
        lanes(100, Duration.ofSeconds(5));
        deliver(0, "quick");
        blocked.add("busy");
        deliver(1, "busy");
        await().atMost(Duration.ofSeconds(5)).until(() -> acknowledged.contains(0L));
        assertThat(blockedStarted.await(5, TimeUnit.SECONDS)).as("offset 1 is running when the partition goes").isTrue();

        new Thread(() -> {
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            release.countDown();
        }).start();
        lanes.revoked(List.of(PARTITION));

        assertThat(acknowledged).as("offset 1 finished during the drain").containsExactly(0L, 1L);
    }
}
