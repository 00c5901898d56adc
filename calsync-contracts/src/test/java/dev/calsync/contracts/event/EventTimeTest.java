package dev.calsync.contracts.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.calsync.contracts.ContractSamples;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EventTimeTest {

    @Test
    void eachKindHasItsCanonicalText() {
        assertThat(ContractSamples.ALL_DAY.canonical()).isEqualTo("20261201");
        assertThat(ContractSamples.UTC.canonical()).isEqualTo("20261201T080000Z");
        assertThat(ContractSamples.ZONED.canonical()).isEqualTo("Europe/Berlin:20261201T090000");
        assertThat(ContractSamples.FLOATING.canonical()).isEqualTo("20261201T090000");
    }

    @Test
    void theSameWallClockTimeOfDifferentKindsGivesDifferentKeys() {
        LocalDateTime nineOClock = LocalDateTime.of(2026, 12, 1, 9, 0);
        List<EventTime> times = List.of(
                new EventTime.AllDay(nineOClock.toLocalDate()),
                new EventTime.UtcDateTime(Instant.parse("2026-12-01T09:00:00Z")),
                new EventTime.Zoned(nineOClock, "Europe/Berlin"),
                new EventTime.Zoned(nineOClock, "Europe/London"),
                new EventTime.Floating(nineOClock));

        assertThat(times).extracting(EventTime::canonical).doesNotHaveDuplicates();
    }

    @Test
    void fractionsOfASecondAppearOnlyWhenPresentSoThatTheyNeverCollide() {
        EventTime whole = new EventTime.UtcDateTime(Instant.parse("2026-12-01T08:00:00Z"));
        EventTime half = new EventTime.UtcDateTime(Instant.parse("2026-12-01T08:00:00.500Z"));
        EventTime floatingNanos = new EventTime.Floating(LocalDateTime.of(2026, 12, 1, 9, 0, 0, 1));

        assertThat(whole.canonical()).isEqualTo("20261201T080000Z");
        assertThat(half.canonical()).isEqualTo("20261201T080000.5Z");
        assertThat(floatingNanos.canonical()).isEqualTo("20261201T090000.000000001");
    }

    @Test
    void equalTimesGiveEqualKeys() {
        assertThat(new EventTime.Zoned(LocalDateTime.of(2026, 12, 1, 9, 0), "Europe/Berlin").canonical())
                .isEqualTo(ContractSamples.ZONED.canonical());
        assertThat(new EventTime.AllDay(LocalDate.of(2026, 12, 1)).canonical())
                .isEqualTo(ContractSamples.ALL_DAY.canonical());
    }

    @ParameterizedTest
    @ValueSource(strings = {"Europe/Berlin", "America/Argentina/Buenos_Aires", "UTC", "Etc/GMT+1", "Asia/Kolkata"})
    void anyIanaRegionIsAValidZone(String timeZone) {
        EventTime.Zoned time = new EventTime.Zoned(LocalDateTime.of(2026, 3, 29, 2, 30), timeZone);

        assertThat(time.zoneId()).isEqualTo(ZoneId.of(timeZone));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Europe/Berln", "W. Europe Standard Time", "+01:00", "UTC+01:00", "Z", "europe/berlin", ""})
    void aZoneThatIsNoIanaRegionIsRejectedByName(String timeZone) {
        LocalDateTime nine = LocalDateTime.of(2026, 12, 1, 9, 0);

        assertThatThrownBy(() -> new EventTime.Zoned(nine, timeZone))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("EventTime.Zoned.timeZone is not an IANA time zone id: '" + timeZone + "'");
    }

    @Test
    void aHostileZoneCannotBreakOrFloodALogLine() {
        String hostile = "Europe/Berlin\nERROR forged log line" + "x".repeat(500);

        assertThatThrownBy(() -> new EventTime.Zoned(LocalDateTime.of(2026, 12, 1, 9, 0), hostile))
                .isInstanceOf(IllegalArgumentException.class)
                .satisfies(error -> {
                    assertThat(error.getMessage()).doesNotContain("\n");
                    assertThat(error.getMessage()).hasSizeLessThan(150);
                });
    }

    @Test
    void everyKindNeedsItsValue() {
        assertThatThrownBy(() -> new EventTime.AllDay(null)).hasMessage("EventTime.AllDay.date is required");
        assertThatThrownBy(() -> new EventTime.UtcDateTime(null)).hasMessage("EventTime.UtcDateTime.instant is required");
        assertThatThrownBy(() -> new EventTime.Zoned(null, "Europe/Berlin"))
                .hasMessage("EventTime.Zoned.localDateTime is required");
        assertThatThrownBy(() -> new EventTime.Zoned(LocalDateTime.of(2026, 12, 1, 9, 0), null))
                .hasMessage("EventTime.Zoned.timeZone is required");
        assertThatThrownBy(() -> new EventTime.Floating(null)).hasMessage("EventTime.Floating.localDateTime is required");
    }
}
