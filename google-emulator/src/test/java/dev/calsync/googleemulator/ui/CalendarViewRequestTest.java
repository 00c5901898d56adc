package dev.calsync.googleemulator.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
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
}
