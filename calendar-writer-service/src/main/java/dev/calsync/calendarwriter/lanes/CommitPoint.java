package dev.calsync.calendarwriter.lanes;

import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The records of one partition handed out and not yet committed, and how far they allow the commit to move.
 * Records finish in any order (each subscriber has its own lane); Kafka keeps one offset per partition, so the
 * commit may only move past a record once every record before it has finished too. Not thread-safe: its
 * {@link PartitionLanes} owner guards it.
 *
 * @param <A> what acknowledges a record (Spring Kafka's {@code Acknowledgment}; anything in a test)
 */
final class CommitPoint<A> {

    private final NavigableMap<Long, Open<A>> open = new TreeMap<>();

    private static final class Open<A> {
        final A acknowledgment;
        boolean finished;

        Open(A acknowledgment) {
            this.acknowledgment = acknowledgment;
        }
    }

    /** A record handed out; offsets arrive in increasing order, a redelivered one is known already. */
    void add(long offset, A acknowledgment) {
        open.putIfAbsent(offset, new Open<>(acknowledgment));
    }

    /**
     * A record finished (written, skipped, parked or dead-lettered).
     *
     * @return the acknowledgment of the highest record the commit may now move past, if it moved
     */
    Optional<A> finish(long offset) {
        Open<A> record = open.get(offset);
        if (record == null) {
            return Optional.empty();
        }
        record.finished = true;
        A highest = null;
        while (!open.isEmpty() && open.firstEntry().getValue().finished) {
            Map.Entry<Long, Open<A>> first = open.pollFirstEntry();
            highest = first.getValue().acknowledgment;
        }
        return Optional.ofNullable(highest);
    }

    /** Records handed out and not committable yet (finished ones behind an unfinished one count). */
    int size() {
        return open.size();
    }

    /** The lowest offset not committable yet, if any. */
    Optional<Long> lowestOpen() {
        return open.isEmpty() ? Optional.empty() : Optional.of(open.firstKey());
    }
}
