package dev.calsync.local.replay;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Per partition of the topic: where the group is now, where the replay moves it, and how many records it
 * re-reads (up to the partition's end when the plan was made). Pure, so the arithmetic is tested alone.
 */
public record ReplayPlan(String group, String topic, List<Partition> partitions) {

    /** {@code current} is null when the group has no committed offset for the partition. */
    public record Partition(int partition, Long current, long target, long end) {

        /** Records between the new offset and the partition's end: what the group reads after the reset. */
        public long toRead() {
            return Math.max(0, end - target);
        }

        /** Records the group reads again that it had read before. */
        public long toReread() {
            long from = current == null ? target : Math.min(current, end);
            return Math.max(0, from - target);
        }
    }

    /**
     * @param earliest each partition's first offset still held; the target is never before it
     * @param targets the offset the reset target names per partition (null or past the end: the end)
     */
    public static ReplayPlan of(String group, String topic, Map<Integer, Long> committed, Map<Integer, Long> earliest,
                                Map<Integer, Long> targets, Map<Integer, Long> ends) {
        List<Partition> partitions = new TreeMap<>(ends).entrySet().stream().map(end -> {
            int partition = end.getKey();
            Long wanted = targets.get(partition);
            long target = wanted == null || wanted < 0 ? end.getValue() : Math.min(wanted, end.getValue());
            target = Math.max(target, earliest.getOrDefault(partition, 0L));
            return new Partition(partition, committed.get(partition), target, end.getValue());
        }).toList();
        return new ReplayPlan(group, topic, partitions);
    }

    public long recordsToReread() {
        return partitions.stream().mapToLong(Partition::toReread).sum();
    }

    /** The offsets the reset writes: every partition, also one the group had no offset for yet. */
    public Map<Integer, Long> newOffsets() {
        Map<Integer, Long> offsets = new TreeMap<>();
        partitions.forEach(partition -> offsets.put(partition.partition(), partition.target()));
        return offsets;
    }

    /** The plan as the operator reads it. */
    public String table() {
        StringBuilder table = new StringBuilder(String.format("%-10s %16s %16s %16s %16s%n",
                "PARTITION", "CURRENT-OFFSET", "NEW-OFFSET", "END-OFFSET", "RECORDS-REREAD"));
        for (Partition partition : partitions) {
            table.append(String.format("%-10d %16s %16d %16d %16d%n", partition.partition(),
                    partition.current() == null ? "-" : partition.current(), partition.target(), partition.end(),
                    partition.toReread()));
        }
        table.append(String.format("group %s re-reads %d record(s) of %s", group, recordsToReread(), topic));
        return table.toString();
    }
}
