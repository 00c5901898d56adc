package dev.calsync.contracts.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.calsync.contracts.ContractSamples;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class NormalizedEventTest {

    @Test
    void absentOptionalValuesReadAsTheirIcsDefaults() {
        NormalizedEvent event = ContractSamples.minimalEvent();

        assertThat(event.status()).isEqualTo(EventStatus.CONFIRMED);
        assertThat(event.transparency()).isEqualTo(Transparency.OPAQUE);
        assertThat(event.visibility()).isEqualTo(Visibility.DEFAULT);
        assertThat(event.sequence()).isZero();
        assertThat(event.recurrence()).isEmpty();
        assertThat(event.end()).isNull();
        assertThat(event.reminders()).as("no reminders in the feed: leave the person's alone").isNull();
    }

    @Test
    void theStartIsRequired() {
        assertThatThrownBy(() -> new NormalizedEvent("x", null, null, null, null, null, null, null, null, null, null, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("NormalizedEvent.start is required");
    }

    @Test
    void theRecurrenceIsCopiedSoTheEventCannotChangeAfterwards() {
        List<String> rules = new ArrayList<>(List.of("RRULE:FREQ=WEEKLY;BYDAY=MO"));
        NormalizedEvent event = new NormalizedEvent("x", null, null, null, ContractSamples.UTC, null, rules, null, null,
                null, null, null);

        rules.add("EXDATE:20261207T080000Z");

        assertThat(event.recurrence()).containsExactly("RRULE:FREQ=WEEKLY;BYDAY=MO");
        assertThatThrownBy(() -> event.recurrence().add("RDATE:20261208T080000Z"))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void recurrenceLinesMustNotBeNullOrBlank() {
        assertThatThrownBy(() -> new NormalizedEvent("x", null, null, null, ContractSamples.UTC, null,
                Collections.singletonList(null), null, null, null, null, null))
                .hasMessage("NormalizedEvent.recurrence must not contain null");
        assertThatThrownBy(() -> new NormalizedEvent("x", null, null, null, ContractSamples.UTC, null,
                List.of(" "), null, null, null, null, null))
                .hasMessage("NormalizedEvent.recurrence must not contain blank entries");
    }

    @Test
    void aNegativeSequenceIsRejected() {
        assertThatThrownBy(() -> new NormalizedEvent("x", null, null, null, ContractSamples.UTC, null, null, null, null,
                null, -1, null))
                .hasMessage("NormalizedEvent.sequence must not be negative");
    }

    @Test
    void remindersStayWithinGooglesLimits() {
        assertThat(new Reminder(ReminderMethod.POPUP, 0).minutesBefore()).isZero();
        assertThat(new Reminder(ReminderMethod.EMAIL, 40320).minutesBefore()).isEqualTo(40320);
        assertThatThrownBy(() -> new Reminder(ReminderMethod.POPUP, 40321))
                .hasMessage("Reminder.minutesBefore must be between 0 and 40320");
        assertThatThrownBy(() -> new Reminder(ReminderMethod.POPUP, -1))
                .hasMessage("Reminder.minutesBefore must be between 0 and 40320");
        assertThatThrownBy(() -> new Reminder(null, 10)).hasMessage("Reminder.method is required");
    }

    @Test
    void atMostFiveRemindersAsGoogleAllows() {
        Reminder popup = new Reminder(ReminderMethod.POPUP, 10);

        assertThat(new Reminders(Collections.nCopies(5, popup)).overrides()).hasSize(5);
        assertThatThrownBy(() -> new Reminders(Collections.nCopies(6, popup)))
                .hasMessage("Reminders.overrides must not hold more than 5 reminders, Google's limit");
    }

    @Test
    void remindersAreCopied() {
        List<Reminder> overrides = new ArrayList<>(List.of(new Reminder(ReminderMethod.POPUP, 10)));
        Reminders reminders = new Reminders(overrides);

        overrides.clear();

        assertThat(reminders.overrides()).containsExactly(new Reminder(ReminderMethod.POPUP, 10));
    }

    @Test
    void printsNoTextThePersonWrote() {
        NormalizedEvent event = ContractSamples.weeklyZonedEvent();
        assertThat(event.toString())
                .doesNotContain(event.summary(), event.description(), event.location(), event.url())
                .contains("Europe/Berlin:20261201T090000");
        assertThat(ContractSamples.eventChanged().build().toString()).doesNotContain(event.description());
    }
}
