package dev.calsync.googleemulator.ui;

import static dev.calsync.googleemulator.calendar.TestEvents.BERLIN;
import static dev.calsync.googleemulator.calendar.TestEvents.allDay;
import static dev.calsync.googleemulator.calendar.TestEvents.meeting;
import static dev.calsync.googleemulator.calendar.TestEvents.series;

import com.google.api.client.util.DateTime;
import com.google.api.services.calendar.Calendar;
import com.google.api.services.calendar.model.Event;
import com.google.api.services.calendar.model.EventDateTime;
import java.io.IOException;
import java.time.LocalDate;

/**
 * Object mother: a working week in a Berlin calendar, written through Google's Calendar client as an app
 * would. Monday 9 March 2026 to Friday: a daily standup series (09:00–09:15) whose Wednesday occurrence is
 * deleted and whose Thursday occurrence is moved to 14:00; a conference on Tuesday and Wednesday (all day);
 * two overlapping appointments on Wednesday; a lunch on Tuesday that was cancelled; a few single meetings.
 */
record SampleWeek(String calendarId, String seriesId) {

    static final LocalDate MONDAY = LocalDate.parse("2026-03-09");
    static final String CALENDAR_SUMMARY = "Team Berlin";

    static SampleWeek writeWith(Calendar client) throws IOException {
        String calendarId = client.calendars().insert(new com.google.api.services.calendar.model.Calendar()
                .setSummary(CALENDAR_SUMMARY).setTimeZone(BERLIN)).execute().getId();
        Calendar.Events events = client.events();
        Event standup = events.insert(calendarId, series("Standup", "2026-03-09T09:00:00", "2026-03-09T09:15:00", BERLIN,
                "RRULE:FREQ=DAILY;COUNT=5")).execute();
        // Wednesday 11 March 09:00 Berlin is 08:00 UTC: the instance id names the original start in UTC
        events.delete(calendarId, standup.getId() + "_20260311T080000Z").execute();
        events.patch(calendarId, standup.getId() + "_20260312T080000Z", new Event()
                .setStart(berlin("2026-03-12T14:00:00+01:00")).setEnd(berlin("2026-03-12T14:15:00+01:00"))).execute();
        events.insert(calendarId, allDay("Conference", MONDAY.plusDays(1), MONDAY.plusDays(3))).execute();
        events.insert(calendarId, meeting("Focus time", "2026-03-09T13:00:00+01:00", "2026-03-09T15:00:00+01:00")).execute();
        events.insert(calendarId, meeting("1:1 with Bob", "2026-03-11T15:00:00+01:00", "2026-03-11T15:30:00+01:00")).execute();
        events.insert(calendarId, meeting("Dentist", "2026-03-11T15:00:00+01:00", "2026-03-11T16:00:00+01:00")
                .setLocation("Torstraße 1")).execute();
        events.insert(calendarId, meeting("Team lunch", "2026-03-12T12:00:00+01:00", "2026-03-12T13:00:00+01:00")).execute();
        events.insert(calendarId, meeting("Review", "2026-03-13T10:00:00+01:00", "2026-03-13T11:30:00+01:00")
                .setLocation("Room 4")).execute();
        Event lunch = events.insert(calendarId, meeting("Cancelled lunch", "2026-03-10T12:00:00+01:00",
                "2026-03-10T13:00:00+01:00")).execute();
        events.delete(calendarId, lunch.getId()).execute();
        return new SampleWeek(calendarId, standup.getId());
    }

    private static EventDateTime berlin(String dateTime) {
        return new EventDateTime().setDateTime(new DateTime(dateTime)).setTimeZone(BERLIN);
    }
}
