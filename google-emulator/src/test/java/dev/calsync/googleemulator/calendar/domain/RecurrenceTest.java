package dev.calsync.googleemulator.calendar.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.calsync.googleemulator.api.GoogleApiException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Expansion rules of RFC 5545 that the conformance tests reach only indirectly. */
class RecurrenceTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final ZonedDateTime THURSDAY_9 = ZonedDateTime.of(2025, 3, 20, 9, 0, 0, 0, BERLIN);
    private static final Instant FAR = Instant.parse("2030-01-01T00:00:00Z");

    // RFC 5545 3.3.10: "The DTSTART property value always counts as the first occurrence"
    @Test
    void aStartOutsideTheRuleCountsAsTheFirstOfCount() {
        Recurrence mondays = Recurrence.parse(List.of("RRULE:FREQ=WEEKLY;BYDAY=MO;COUNT=3"));

        assertThat(mondays.timedStarts(THURSDAY_9, THURSDAY_9.toInstant(), FAR)).extracting(ZonedDateTime::toLocalDate)
                .containsExactly(LocalDate.of(2025, 3, 20), LocalDate.of(2025, 3, 24), LocalDate.of(2025, 3, 31));
    }

    @Test
    void countIsCountedFromTheStartNotFromTheWindow() {
        Recurrence weekly = Recurrence.parse(List.of("RRULE:FREQ=WEEKLY;COUNT=3"));

        assertThat(weekly.timedStarts(THURSDAY_9, Instant.parse("2025-03-26T00:00:00Z"), FAR))
                .extracting(ZonedDateTime::toLocalDate).containsExactly(LocalDate.of(2025, 3, 27), LocalDate.of(2025, 4, 3));
    }

    // EXDATE written in another zone or in UTC names the same instant and removes it
    @Test
    void exdateMatchesByInstantWhateverItsZone() {
        Recurrence weekly = Recurrence.parse(List.of("RRULE:FREQ=WEEKLY;COUNT=4",
                "EXDATE;TZID=America/New_York:20250327T040000", "EXDATE:20250403T070000Z"));

        assertThat(weekly.timedStarts(THURSDAY_9, THURSDAY_9.toInstant(), FAR)).extracting(ZonedDateTime::toLocalDate)
                .containsExactly(LocalDate.of(2025, 3, 20), LocalDate.of(2025, 4, 10));
    }

    @Test
    void anInfiniteRuleStopsAtTheWindow() {
        Recurrence daily = Recurrence.parse(List.of("RRULE:FREQ=DAILY"));

        assertThat(daily.timedStarts(THURSDAY_9, Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2026-01-04T00:00:00Z")))
                .hasSize(3);
        assertThat(daily.allDayStarts(LocalDate.of(2025, 3, 20), LocalDate.of(2025, 3, 20), LocalDate.of(2025, 3, 22)))
                .containsExactly(LocalDate.of(2025, 3, 20), LocalDate.of(2025, 3, 21), LocalDate.of(2025, 3, 22));
    }

    @Test
    void linesGoogleWouldRefuseAreInvalid() {
        for (String bad : List.of("RRULE:FREQ=SOMETIMES", "DTSTART:20250320T090000Z", "X-RULE:FREQ=DAILY",
                "RDATE;TZID=Nowhere/Atlantis:20250320T090000", "RRULE:FREQ=DAILY\r\nEXDATE:20250320T080000Z")) {
            assertThatThrownBy(() -> Recurrence.parse(List.of(bad))).as(bad)
                    .isInstanceOf(GoogleApiException.class).hasMessage("Invalid recurrence rule.");
        }
    }
}
