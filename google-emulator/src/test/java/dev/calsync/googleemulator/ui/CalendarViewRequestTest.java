package dev.calsync.googleemulator.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.HttpStatus;

class CalendarViewRequestTest {

    @Test
    void absentOrBlankParametersMeanTheDefaults() {
        assertThat(CalendarViewRequest.parse(null, " ", "", null))
                .isEqualTo(new CalendarViewRequest(null, null, null, ViewKind.WEEK));
        assertThat(CalendarViewRequest.parse("alice@example.com", "c1", "2026-03-11", "agenda"))
                .isEqualTo(new CalendarViewRequest("alice@example.com", "c1", LocalDate.parse("2026-03-11"), ViewKind.AGENDA));
    }

    @Test
    void aBadWeekOrViewIsABadRequestThatSaysWhatIsExpected() {
        assertThatThrownBy(() -> CalendarViewRequest.parse(null, null, "2026-13-01", null))
                .isInstanceOfSatisfying(CalendarViewException.class, e -> assertThat(e.status()).isEqualTo(HttpStatus.BAD_REQUEST))
                .hasMessage("week must be an ISO date such as 2026-03-09 (any day of the week), not \"2026-13-01\"");
        assertThatThrownBy(() -> CalendarViewRequest.parse(null, null, null, "WEEK"))
                .isInstanceOfSatisfying(CalendarViewException.class, e -> assertThat(e.status()).isEqualTo(HttpStatus.BAD_REQUEST))
                .hasMessage("view must be agenda or week, not \"WEEK\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"+999999999-12-31", "-999999999-01-01", "1899-12-31", "2201-01-01"})
    void aWeekOutsideTheYears1900To2200IsABadRequest(String week) {
        assertThatThrownBy(() -> CalendarViewRequest.parse(null, null, week, null))
                .isInstanceOfSatisfying(CalendarViewException.class, e -> assertThat(e.status()).isEqualTo(HttpStatus.BAD_REQUEST))
                .hasMessage("week must lie between 1900-01-01 and 2200-12-31, not \"" + week + "\"");
        assertThat(CalendarViewRequest.parse(null, null, "2200-12-31", null).day()).isEqualTo(LocalDate.of(2200, 12, 31));
    }
}
