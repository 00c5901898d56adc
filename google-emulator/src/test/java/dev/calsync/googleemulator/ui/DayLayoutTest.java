package dev.calsync.googleemulator.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

class DayLayoutTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final LocalDate DAY = LocalDate.parse("2026-03-11");

    private static ShownEvent timed(String summary, String start, String end) {
        return new ShownEvent(summary, null, false, null, null, ZonedDateTime.of(LocalDateTime.parse(start), BERLIN),
                ZonedDateTime.of(LocalDateTime.parse(end), BERLIN), false, null);
    }

    private static String describe(DayLayout.Block block) {
        return block.event().summary() + " " + block.startMinute() + "-" + block.endMinute() + " lane " + block.lane() + "/" + block.lanes();
    }

    @Test
    void overlappingOccurrencesShareTheColumnAndOthersHaveItToThemselves() {
        List<DayLayout.Block> blocks = DayLayout.of(DAY, List.of(
                timed("Short", "2026-03-11T15:00", "2026-03-11T15:30"),
                timed("Long", "2026-03-11T15:00", "2026-03-11T16:00"),
                timed("Later", "2026-03-11T15:30", "2026-03-11T16:30"),
                timed("Alone", "2026-03-11T17:00", "2026-03-11T18:00"),
                timed("Tomorrow", "2026-03-12T09:00", "2026-03-12T10:00")));

        assertThat(blocks).extracting(DayLayoutTest::describe).containsExactly(
                "Long 900-960 lane 0/2", "Short 900-930 lane 1/2", "Later 930-990 lane 1/2", "Alone 1020-1080 lane 0/1");
    }

    @Test
    void anOccurrenceOverMidnightIsClippedToEachDay() {
        ShownEvent night = timed("Night shift", "2026-03-10T22:00", "2026-03-11T06:00");
        ShownEvent untilMidnight = timed("Late", "2026-03-11T23:00", "2026-03-12T00:00");

        assertThat(DayLayout.of(DAY.minusDays(1), List.of(night))).extracting(DayLayoutTest::describe)
                .containsExactly("Night shift 1320-1440 lane 0/1");
        assertThat(DayLayout.of(DAY, List.of(night, untilMidnight))).extracting(DayLayoutTest::describe)
                .containsExactly("Night shift 0-360 lane 0/1", "Late 1380-1440 lane 0/1");
        assertThat(DayLayout.of(DAY.plusDays(1), List.of(untilMidnight))).isEmpty();
        assertThat(CalendarViewPages.times(night, DAY)).isEqualTo("…–06:00");
        assertThat(CalendarViewPages.times(night, DAY.minusDays(1))).isEqualTo("22:00–…");
        assertThat(CalendarViewPages.times(untilMidnight, DAY)).isEqualTo("23:00–24:00");
    }

    @Test
    void allDayOccurrencesAreNotBlocks() {
        ShownEvent conference = new ShownEvent("Conference", null, true, DAY, DAY.plusDays(2), null, null, false, null);

        assertThat(DayLayout.of(DAY, List.of(conference))).isEmpty();
        assertThat(conference.on(DAY.plusDays(1))).isTrue();
        assertThat(conference.on(DAY.plusDays(2))).as("the end date is exclusive").isFalse();
    }
}
