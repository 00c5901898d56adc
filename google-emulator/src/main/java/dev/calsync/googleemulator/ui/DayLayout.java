package dev.calsync.googleemulator.ui;

import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Where a day's timed occurrences go in the week grid: their span in minutes of the day (clipped to the day),
 * and side by side where they overlap, each group of overlapping occurrences sharing the column's width.
 */
final class DayLayout {

    static final int MINUTES_PER_DAY = 24 * 60;

    /** An occurrence's block: from {@code startMinute} to {@code endMinute} of the day, in lane {@code lane} of {@code lanes}. */
    record Block(ShownEvent event, int startMinute, int endMinute, int lane, int lanes) {
    }

    private DayLayout() {
    }

    /** The blocks of {@code day}'s timed occurrences ({@code events} may hold others; they are skipped). */
    static List<Block> of(LocalDate day, List<ShownEvent> events) {
        List<Block> spans = events.stream().filter(event -> !event.allDay() && event.on(day)).sorted(ShownEvent.BY_DAY_ORDER)
                .map(event -> new Block(event, minuteOf(day, event.start()), minuteOf(day, event.end()), 0, 1))
                .sorted(Comparator.comparingInt(Block::startMinute).thenComparing(Comparator.comparingInt(Block::endMinute).reversed()))
                .toList();
        List<Block> placed = new ArrayList<>();
        List<Block> group = new ArrayList<>();
        List<Integer> laneEnds = new ArrayList<>();
        int groupEnd = -1;
        for (Block span : spans) {
            if (span.startMinute() >= groupEnd && !group.isEmpty()) {
                close(group, laneEnds.size(), placed);
                laneEnds.clear();
            }
            int lane = 0;
            while (lane < laneEnds.size() && laneEnds.get(lane) > span.startMinute()) {
                lane++;
            }
            int end = Math.max(span.endMinute(), span.startMinute() + 1);
            if (lane == laneEnds.size()) {
                laneEnds.add(end);
            } else {
                laneEnds.set(lane, end);
            }
            groupEnd = group.isEmpty() ? end : Math.max(groupEnd, end);
            group.add(new Block(span.event(), span.startMinute(), span.endMinute(), lane, 1));
        }
        close(group, laneEnds.size(), placed);
        return placed;
    }

    private static void close(List<Block> group, int lanes, List<Block> placed) {
        group.forEach(block -> placed.add(new Block(block.event(), block.startMinute(), block.endMinute(), block.lane(), lanes)));
        group.clear();
    }

    /** Wall-clock minutes since the day's midnight, 0 before the day and 1440 after it. */
    private static int minuteOf(LocalDate day, ZonedDateTime at) {
        LocalDate date = at.toLocalDate();
        if (date.isBefore(day)) {
            return 0;
        }
        if (date.isAfter(day)) {
            return MINUTES_PER_DAY;
        }
        return at.getHour() * 60 + at.getMinute();
    }
}
