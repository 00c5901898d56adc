package dev.calsync.calendarwriter.lanes;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.kafka.support.Acknowledgment;

/**
 * Key-ordered parallel processing of one Kafka binding's records on top of Spring Kafka's listener container.
 * The container's thread only hands each record to its key's lane ({@link SubscriberLanes}) and returns; the
 * lanes write in parallel across keys and in order within one. Offsets: each partition's {@link CommitPoint}
 * acknowledges (container ack mode {@code MANUAL}) only up to its lowest unfinished record, so a crash re-reads
 * from there and nothing is lost; what is re-read and was already done costs nothing (the writer's map).
 * Back-pressure: a partition whose open records reach {@code maxInFlightPerPartition} is paused in the
 * container and resumed when half are done, so memory stays bounded while the container keeps polling (and
 * so never outlives {@code max.poll.interval.ms}). A rebalance: a partition taken away starts nothing more,
 * waits up to {@code revokeDrainTimeout} for what it started, acknowledges what finished, and is forgotten;
 * an acknowledgment that comes later is dropped (the new owner re-reads that record).
 */
public final class RecordLanes implements AutoCloseable {

    /** What the lanes do with one record, or with several consecutive records of one key at once. */
    @FunctionalInterface
    public interface Work {
        /**
         * Processes a record; called on a lane's worker, never on the consumer's thread.
         *
         * @return empty when the record is finished (its offset may be committed), else how long until it is tried again
         */
        Optional<Duration> process(ConsumerRecord<?, ?> record, Retries retries);

        /**
         * Processes consecutive records of one key together, where that is worth something (one Google batch for
         * several changes). Must try the first; may leave later ones {@link Outcome.NotRun}, and they come again in
         * their turn. By default only the first is processed.
         *
         * @param retries each record's retry state, in the same order
         */
        default List<Outcome> processTogether(List<ConsumerRecord<?, ?>> records, List<Retries> retries) {
            List<Outcome> outcomes = new ArrayList<>();
            outcomes.add(Outcome.of(process(records.get(0), retries.get(0))));
            records.stream().skip(1).forEach(record -> outcomes.add(Outcome.NOT_RUN));
            return outcomes;
        }
    }

    private static final Logger log = LoggerFactory.getLogger(RecordLanes.class);

    private final SubscriberLanes lanes;
    private final Work work;
    private final int maxInFlightPerPartition;
    private final Duration revokeDrainTimeout;
    private final Map<TopicPartition, Partition> partitions = new ConcurrentHashMap<>();
    private volatile MessageListenerContainer container;
    private volatile boolean pausedForAll;

    /** @param maxGroup consecutive records of one key handed to {@link Work#processTogether} at most (1: one at a time) */
    public RecordLanes(int workers, int maxGroup, int maxInFlightPerPartition, Duration revokeDrainTimeout, Work work) {
        this.lanes = new SubscriberLanes(workers, maxGroup, this::processTogether);
        this.work = work;
        this.maxInFlightPerPartition = maxInFlightPerPartition;
        this.revokeDrainTimeout = revokeDrainTimeout;
    }

    /** The container whose partitions are paused and resumed; set when the binding creates it. */
    public void attach(MessageListenerContainer listenerContainer) {
        this.container = listenerContainer;
    }

    /** On the consumer's thread: queues the record in its key's lane and returns at once. */
    public void accept(ConsumerRecord<?, ?> record, Acknowledgment acknowledgment) {
        TopicPartition topicPartition = new TopicPartition(record.topic(), record.partition());
        Partition partition = partitions.computeIfAbsent(topicPartition, Partition::new);
        partition.opened(record.offset(), acknowledgment);
        lanes.submit(laneOf(record), new RecordJob(partition, record, new Retries()));
    }

    /** On the consumer's thread, when the group gives this consumer partitions. */
    public void assigned(Collection<TopicPartition> assigned) {
        for (TopicPartition topicPartition : assigned) {
            Partition partition = partitions.computeIfAbsent(topicPartition, Partition::new);
            partition.updatePause();
        }
    }

    /**
     * On the consumer's thread, before the container commits: the partitions go to another consumer (or the
     * binding stops). Waits for the writes they started, so what finished is committed now.
     */
    public void revoked(Collection<TopicPartition> revoked) {
        long deadline = System.nanoTime() + revokeDrainTimeout.toNanos();
        for (TopicPartition topicPartition : revoked) {
            Partition partition = partitions.remove(topicPartition);
            if (partition != null) {
                partition.drain(deadline);
            }
        }
    }

    /** Stops (true) or resumes fetching from every partition, whatever their back-pressure (Google is down). */
    public void pauseAll(boolean paused) {
        pausedForAll = paused;
        partitions.values().forEach(Partition::updatePause);
    }

    /** Records handed out and not committed yet, over all partitions. */
    public int inFlight() {
        return partitions.values().stream().mapToInt(Partition::open).sum();
    }

    public int activeLanes() {
        return lanes.activeLanes();
    }

    /** Partitions paused now, for back-pressure or because Google is down. */
    public int pausedPartitions() {
        return (int) partitions.values().stream().filter(Partition::paused).count();
    }

    @Override
    public void close() {
        lanes.close();
    }

    /**
     * Several records of one lane: those whose partition is being taken away are dropped unrun, as alone; the others
     * go to the work together, and each finished one is committed on its own.
     */
    private List<Outcome> processTogether(List<SubscriberLanes.Job> jobs) {
        List<Outcome> outcomes = new ArrayList<>(jobs.size());
        List<RecordJob> started = new ArrayList<>();
        for (SubscriberLanes.Job job : jobs) {
            RecordJob recordJob = (RecordJob) job;
            if (recordJob.partition.starting()) {
                started.add(recordJob);
                outcomes.add(null);
            } else {
                outcomes.add(Outcome.DONE);
            }
        }
        if (started.isEmpty()) {
            return outcomes;
        }
        List<Outcome> worked;
        try {
            worked = work.processTogether(started.stream().<ConsumerRecord<?, ?>>map(job -> job.record).toList(),
                    started.stream().map(job -> job.retries).toList());
        } finally {
            started.forEach(job -> job.partition.stopped());
        }
        for (int i = 0, next = 0; i < outcomes.size(); i++) {
            if (outcomes.get(i) == null) {
                RecordJob job = started.get(next);
                Outcome outcome = worked.get(next++);
                if (outcome instanceof Outcome.Done) {
                    job.partition.finished(job.record.offset());
                }
                outcomes.set(i, outcome);
            }
        }
        return outcomes;
    }

    private static String laneOf(ConsumerRecord<?, ?> record) {
        Object key = record.key();
        if (key instanceof byte[] bytes) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        // every calsync record is keyed by its subscriber; one without a key shares its partition's lane
        return key != null ? key.toString() : "partition-" + record.partition();
    }

    private final class RecordJob implements SubscriberLanes.Job {

        private final Partition partition;
        private final ConsumerRecord<?, ?> record;
        private final Retries retries;

        RecordJob(Partition partition, ConsumerRecord<?, ?> record, Retries retries) {
            this.partition = partition;
            this.record = record;
            this.retries = retries;
        }

        @Override
        public boolean cancelled() {
            return partition.revoking;
        }

        @Override
        public Optional<Duration> run() {
            if (!partition.starting()) {
                return Optional.empty();
            }
            Optional<Duration> again;
            try {
                again = work.process(record, retries);
            } finally {
                partition.stopped();
            }
            if (again.isEmpty()) {
                partition.finished(record.offset());
            }
            return again;
        }
    }

    /** What this consumer holds of one partition while it is assigned. */
    private final class Partition {

        private final TopicPartition topicPartition;
        private final CommitPoint<Acknowledgment> commitPoint = new CommitPoint<>();
        /** Set on revocation: nothing more starts, and queued records of the partition are dropped. */
        private volatile boolean revoking;
        /** Set once revoked: no acknowledgment for the partition reaches the container any more. */
        private boolean closed;
        private int running;
        private boolean backPressure;
        private boolean paused;

        Partition(TopicPartition topicPartition) {
            this.topicPartition = topicPartition;
        }

        synchronized void opened(long offset, Acknowledgment acknowledgment) {
            commitPoint.add(offset, acknowledgment);
            if (!backPressure && commitPoint.size() >= maxInFlightPerPartition) {
                backPressure = true;
                updatePause();
            }
        }

        synchronized boolean starting() {
            if (revoking) {
                return false;
            }
            running++;
            return true;
        }

        synchronized void stopped() {
            running--;
            notifyAll();
        }

        synchronized void finished(long offset) {
            if (closed) {
                return;
            }
            commitPoint.finish(offset).ifPresent(Acknowledgment::acknowledge);
            if (backPressure && commitPoint.size() <= maxInFlightPerPartition / 2) {
                backPressure = false;
                updatePause();
            }
        }

        synchronized void drain(long deadline) {
            revoking = true;
            try {
                long left;
                while (running > 0 && (left = deadline - System.nanoTime()) > 0) {
                    wait(Math.max(1, left / 1_000_000));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (running > 0) {
                log.warn("partition {} revoked with {} writes still running; the new owner reads them again", topicPartition, running);
            }
            closed = true;
            // a pause the container still holds would be applied again when the partition comes back
            MessageListenerContainer target = container;
            if (paused && target != null) {
                target.resumePartition(topicPartition);
            }
            paused = false;
        }

        synchronized int open() {
            return commitPoint.size();
        }

        synchronized boolean paused() {
            return paused;
        }

        synchronized void updatePause() {
            boolean pause = !closed && (backPressure || pausedForAll);
            MessageListenerContainer target = container;
            if (pause == paused || target == null) {
                return;
            }
            paused = pause;
            if (pause) {
                target.pausePartition(topicPartition);
            } else {
                target.resumePartition(topicPartition);
            }
        }
    }
}
