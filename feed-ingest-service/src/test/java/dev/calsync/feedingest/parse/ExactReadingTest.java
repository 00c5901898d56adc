package dev.calsync.feedingest.parse;

import static dev.calsync.feedingest.parse.LenientReadingTest.calendar;
import static dev.calsync.feedingest.parse.LenientReadingTest.event;
import static dev.calsync.feedingest.parse.LenientReadingTest.parse;
import static org.assertj.core.api.Assertions.assertThat;

import dev.calsync.contracts.event.EventTime;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Where the publisher is right, calsync sends Google exactly that (docs/feeds.md): an override addresses the
 * instance Google has, UNTIL is what Google reads, a rule part Google does not know never reaches it, and
 * THISANDFUTURE splits the series.
 */
class ExactReadingTest {

    static String rid(ParsedFeed feed, int index) {
        return feed.events().get(index).recurrenceKey();
    }

    static List<String> recurrence(ParsedFeed feed, int index) {
        return feed.events().get(index).event().recurrence();
    }

    @Nested
    class RecurrenceIdOfTheSeriesValueType {

        @Test
        void aDateTimeRecurrenceIdOfAnAllDaySeriesBecomesADate() throws Exception {
            ParsedFeed feed = parse(calendar(
                    event("s", "DTSTART;VALUE=DATE:20261201", "RRULE:FREQ=DAILY;COUNT=5", "SUMMARY:Holiday"),
                    event("s", "RECURRENCE-ID:20261203T000000Z", "DTSTART;VALUE=DATE:20261210", "SUMMARY:Moved")));
            assertThat(rid(feed, 1)).isEqualTo("20261203");
            assertThat(feed.notes()).containsExactly("VEVENT 'Moved' (line 9): RECURRENCE-ID 20261203T000000Z of an all-day series "
                    + "read as the date 20261203");
        }

        @Test
        void aDateRecurrenceIdOfATimedSeriesTakesTheSeriesTimeAndZone() throws Exception {
            ParsedFeed feed = parse(calendar(
                    event("s", "DTSTART;TZID=Europe/Berlin:20261201T090000", "RRULE:FREQ=DAILY;COUNT=5"),
                    event("s", "RECURRENCE-ID;VALUE=DATE:20261203", "DTSTART;TZID=Europe/Berlin:20261203T100000")));
            assertThat(rid(feed, 1)).isEqualTo("Europe/Berlin:20261203T090000");
        }

        @Test
        void aUtcRecurrenceIdOfAZonedSeriesIsTheSameInstantInTheSeriesZone() throws Exception {
            ParsedFeed feed = parse(calendar(
                    event("s", "DTSTART;TZID=Europe/Berlin:20261201T090000", "RRULE:FREQ=DAILY;COUNT=5"),
                    event("s", "RECURRENCE-ID:20261203T080000Z", "DTSTART:20261203T100000Z")));
            assertThat(rid(feed, 1)).isEqualTo("Europe/Berlin:20261203T090000");
            assertThat(feed.notes()).isEmpty();
        }
    }

    @Nested
    class OverridesGoogleHasNoInstanceFor {

        @Test
        void anOverrideOfNoOccurrenceBecomesAnEventOfItsOwn() throws Exception {
            ParsedFeed feed = parse(calendar(
                    event("s", "DTSTART;VALUE=DATE:20240701", "RRULE:FREQ=WEEKLY;INTERVAL=2;UNTIL=20240720"),
                    event("s", "RECURRENCE-ID;VALUE=DATE:20240729", "DTSTART;VALUE=DATE:20240729", "SUMMARY:After the end")));
            assertThat(feed.events()).extracting(e -> e.uid() + " " + e.recurrenceKey())
                    .containsExactly("s ", "s/RECURRENCE-ID/20240729 ");
            assertThat(feed.notes()).containsExactly("VEVENT 'After the end' (line 8): RECURRENCE-ID 20240729 is no occurrence of "
                    + "its series: kept as an event of its own");
        }

        @Test
        void anOverrideWhoseSeriesIsNotInTheFeedBecomesAnEventOfItsOwn() throws Exception {
            ParsedFeed feed = parse(calendar(event("s", "RECURRENCE-ID:20261203T080000Z", "DTSTART:20261203T100000Z")));
            assertThat(feed.events()).singleElement().satisfies(e -> {
                assertThat(e.uid()).isEqualTo("s/RECURRENCE-ID/20261203T080000Z");
                assertThat(e.recurrenceId()).isNull();
            });
        }

        @Test
        void anOverrideOfAnOccurrenceOfTheRuleOrAnRdateStaysAnOverride() throws Exception {
            ParsedFeed feed = parse(calendar(
                    event("s", "DTSTART;TZID=Europe/Berlin:20261201T090000", "RRULE:FREQ=WEEKLY;COUNT=3",
                            "RDATE;TZID=Europe/Berlin:20261203T090000"),
                    event("s", "RECURRENCE-ID;TZID=Europe/Berlin:20261208T090000", "DTSTART;TZID=Europe/Berlin:20261208T100000"),
                    event("s", "RECURRENCE-ID;TZID=Europe/Berlin:20261203T090000", "DTSTART;TZID=Europe/Berlin:20261203T100000")));
            assertThat(feed.events()).extracting(ParsedEvent::recurrenceKey)
                    .containsExactly("", "Europe/Berlin:20261208T090000", "Europe/Berlin:20261203T090000");
            assertThat(feed.notes()).isEmpty();
        }
    }

    @Nested
    class Until {

        @Test
        void aFloatingUntilOfAZonedStartBecomesUtc() throws Exception {
            ParsedFeed feed = parse(calendar(event("s", "DTSTART;TZID=America/New_York:20261201T090000",
                    "RRULE:FREQ=DAILY;UNTIL=20261205T090000", "SUMMARY:Standup")));
            assertThat(recurrence(feed, 0)).containsExactly("RRULE:FREQ=DAILY;UNTIL=20261205T140000Z");
            assertThat(feed.notes()).containsExactly(
                    "VEVENT 'Standup' (line 3): UNTIL 20261205T090000 (floating) read in the start's zone: 20261205T140000Z");
        }

        @Test
        void aDateTimeUntilOfAnAllDaySeriesBecomesADate() throws Exception {
            ParsedFeed feed = parse(calendar(event("s", "DTSTART;VALUE=DATE:20261201", "RRULE:FREQ=DAILY;UNTIL=20261205T000000Z")));
            assertThat(recurrence(feed, 0)).containsExactly("RRULE:FREQ=DAILY;UNTIL=20261205");
        }

        @Test
        void aUtcUntilIsSentAsItIs() throws Exception {
            ParsedFeed feed = parse(calendar(event("s", "DTSTART;TZID=Europe/Berlin:20261201T090000",
                    "RRULE:FREQ=WEEKLY;UNTIL=20261231T080000Z;BYDAY=TU")));
            assertThat(recurrence(feed, 0)).containsExactly("RRULE:FREQ=WEEKLY;UNTIL=20261231T080000Z;BYDAY=TU");
            assertThat(feed.notes()).isEmpty();
        }
    }

    @Nested
    class RuleParts {

        @Test
        void rscaleGregorianChangesNothingAndIsDropped() throws Exception {
            ParsedFeed feed = parse(calendar(event("s", "DTSTART:20261201T090000Z", "RRULE:RSCALE=GREGORIAN;FREQ=YEARLY")));
            assertThat(recurrence(feed, 0)).containsExactly("RRULE:FREQ=YEARLY");
            assertThat(feed.warnings()).isEmpty();
            assertThat(feed.notes()).singleElement().asString().contains("RRULE part RSCALE=GREGORIAN dropped");
        }

        @Test
        void aPartGoogleDoesNotKnowRefusesTheSeriesAndKeepsItsFirstOccurrence() throws Exception {
            ParsedFeed feed = parse(calendar(event("s", "DTSTART:20261201T090000Z", "RRULE:FREQ=WEEKLY;UNTL=20261231", "SUMMARY:Typo")));
            assertThat(feed.events()).singleElement().satisfies(e -> {
                assertThat(e.event().recurrence()).isEmpty();
                assertThat(e.event().start().canonical()).isEqualTo("20261201T090000Z");
            });
            assertThat(feed.warnings()).containsExactly("VEVENT 'Typo' (line 3): RRULE part UNTL is not one Google knows: "
                    + "the series is refused, its first occurrence kept as a single event");
        }

        @Test
        void anInvalidValueRefusesTheSeriesToo() throws Exception {
            ParsedFeed feed = parse(calendar(event("s", "DTSTART:20261201T090000Z", "RRULE:FREQ=SOMETIMES")));
            assertThat(recurrence(feed, 0)).isEmpty();
            assertThat(feed.warnings()).singleElement().asString().contains("is invalid: the series is refused");
        }

        @Test
        void periodsOfAnRdateAreReadAsTheirStarts() throws Exception {
            ParsedFeed feed = parse(calendar(event("s", "DTSTART:20261201T090000Z", "RRULE:FREQ=DAILY;COUNT=2",
                    "RDATE;VALUE=PERIOD:20261210T090000Z/PT1H")));
            assertThat(recurrence(feed, 0)).contains("RDATE:20261210T090000Z");
        }
    }

    @Nested
    class ThisAndFuture {

        static final String[] FEED = calendar(
                event("s", "DTSTART:20261201T090000Z", "DTEND:20261201T100000Z", "RRULE:FREQ=DAILY;COUNT=10", "SUMMARY:Daily"),
                event("s", "RECURRENCE-ID;RANGE=THISANDFUTURE:20261204T090000Z", "DTSTART:20261204T100000Z",
                        "DTEND:20261204T110000Z", "SUMMARY:Later from now on"),
                event("s", "RECURRENCE-ID:20261206T090000Z", "DTSTART:20261206T150000Z", "SUMMARY:One moved"));

        @Test
        void theSeriesEndsBeforeTheOverrideAndANewSeriesStartsAtIt() throws Exception {
            ParsedFeed feed = parse(FEED);
            assertThat(feed.events()).extracting(e -> e.uid() + " " + e.recurrenceKey() + " " + e.event().start().canonical()
                            + " " + e.event().recurrence())
                    .containsExactly(
                            "s  20261201T090000Z [RRULE:FREQ=DAILY;UNTIL=20261204T085959Z]",
                            "s/RANGE=THISANDFUTURE/20261204T090000Z  20261204T100000Z [RRULE:FREQ=DAILY;COUNT=7]",
                            // a later override names its occurrence in the moved series
                            "s/RANGE=THISANDFUTURE/20261204T090000Z 20261206T100000Z 20261206T150000Z []");
            assertThat(feed.events().get(1).event().summary()).isEqualTo("Later from now on");
            assertThat(feed.notes()).contains("VEVENT 'Later from now on' (line 10): RANGE=THISANDFUTURE: the series ends before "
                    + "20261204T090000Z, a new series starts at the override");
        }

        @Test
        void readingTheSameFeedAgainGivesTheSameEventsSoReplaysChangeNothing() throws Exception {
            assertThat(parse(FEED).events()).isEqualTo(parse(FEED).events());
        }

        @Test
        void datesOfTheSeriesAfterTheSplitMoveToTheNewSeriesAsTheSeriesMoved() throws Exception {
            ParsedFeed feed = parse(calendar(
                    event("s", "DTSTART:20261201T090000Z", "RRULE:FREQ=DAILY;COUNT=10", "EXDATE:20261202T090000Z,20261207T090000Z",
                            "RDATE:20261220T090000Z"),
                    event("s", "RECURRENCE-ID;RANGE=THISANDFUTURE:20261204T090000Z", "DTSTART:20261204T100000Z")));
            assertThat(recurrence(feed, 0)).containsExactly("RRULE:FREQ=DAILY;UNTIL=20261204T085959Z", "EXDATE:20261202T090000Z");
            assertThat(recurrence(feed, 1)).containsExactly("RRULE:FREQ=DAILY;COUNT=7", "EXDATE:20261207T100000Z",
                    "RDATE:20261220T100000Z");
        }

        @Test
        void anAllDaySeriesEndsTheDayBefore() throws Exception {
            ParsedFeed feed = parse(calendar(
                    event("s", "DTSTART;VALUE=DATE:20261201", "RRULE:FREQ=WEEKLY"),
                    event("s", "RECURRENCE-ID;RANGE=THISANDFUTURE;VALUE=DATE:20261215", "DTSTART;VALUE=DATE:20261216")));
            assertThat(recurrence(feed, 0)).containsExactly("RRULE:FREQ=WEEKLY;UNTIL=20261214");
            assertThat(feed.events().get(1).event().start()).isEqualTo(new EventTime.AllDay(java.time.LocalDate.of(2026, 12, 16)));
            assertThat(recurrence(feed, 1)).containsExactly("RRULE:FREQ=WEEKLY");
        }
    }
}
