package dev.calsync.feedingest.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * One minimal feed per rule of docs/feeds.md: what calsync reads, and the warning that names the rule.
 * Lenient rules keep the event ({@link ParsedFeed#notes()}); what is left out is in
 * {@link ParsedFeed#warnings()}.
 */
class LenientReadingTest {

    static final ZoneId DEFAULT_ZONE = ZoneId.of("Europe/London");

    static ParsedFeed parse(String... lines) throws FeedParseException {
        return new IcsFeedParser(DEFAULT_ZONE, 2026).parse(new StringReader(String.join("\r\n", lines) + "\r\n"));
    }

    static String[] event(String uid, String... properties) {
        List<String> lines = new ArrayList<>(List.of("BEGIN:VEVENT", "UID:" + uid));
        lines.addAll(List.of(properties));
        lines.add("END:VEVENT");
        return lines.toArray(String[]::new);
    }

    static String[] calendar(String[]... parts) {
        List<String> lines = new ArrayList<>(List.of("BEGIN:VCALENDAR", "VERSION:2.0"));
        for (String[] part : parts) {
            lines.addAll(List.of(part));
        }
        lines.add("END:VCALENDAR");
        return lines.toArray(String[]::new);
    }

    static String[] lines(String... lines) {
        return lines;
    }

    static List<String> summaries(ParsedFeed feed) {
        return feed.events().stream().map(e -> e.event().summary()).toList();
    }

    @Nested
    class StructuralFlaws {

        @Test
        void aVeventWithoutAnyVcalendarIsRead() throws Exception {
            ParsedFeed feed = parse(event("a", "DTSTART:20261201T090000Z", "SUMMARY:Alone"));
            assertThat(summaries(feed)).containsExactly("Alone");
            assertThat(feed.warnings()).isEmpty();
            assertThat(feed.notes()).containsExactly("VEVENT (line 1) outside any VCALENDAR: read as part of the calendar");
        }

        @Test
        void aComponentAfterEndVcalendarIsReadAsPartOfTheCalendar() throws Exception {
            List<String> lines = new ArrayList<>(List.of(calendar(event("a", "DTSTART:20261201T090000Z", "SUMMARY:Inside"))));
            lines.addAll(List.of(event("b", "DTSTART:20261202T090000Z", "SUMMARY:After")));
            ParsedFeed feed = parse(lines.toArray(String[]::new));
            assertThat(summaries(feed)).containsExactly("Inside", "After");
            assertThat(feed.notes()).containsExactly("VEVENT (line 9) after END:VCALENDAR: read as part of the calendar");
        }

        @Test
        void severalCalendarsInOneFileAreReadAsOne() throws Exception {
            List<String> lines = new ArrayList<>(List.of(calendar(event("a", "DTSTART:20261201T090000Z", "SUMMARY:First"))));
            lines.addAll(List.of(calendar(event("b", "DTSTART:20261202T090000Z", "SUMMARY:Second"))));
            ParsedFeed feed = parse(lines.toArray(String[]::new));
            assertThat(summaries(feed)).containsExactly("First", "Second");
            assertThat(feed.notes()).containsExactly("VCALENDAR (line 9) is a second calendar in the file: read as part of the first");
        }

        @Test
        void aFoldThatLostItsLeadingSpaceContinuesTheLineBeforeAndLosesNothingAround() throws Exception {
            ParsedFeed feed = parse(calendar(
                    event("a", "DTSTART:20261201T090000Z", "SUMMARY:Before"),
                    event("b", "DTSTART:20261202T090000Z", "DESCRIPTION:a long text that was", "folded without a space", "SUMMARY:Broken"),
                    event("c", "DTSTART:20261203T090000Z", "SUMMARY:After")));
            assertThat(summaries(feed)).containsExactly("Before", "Broken", "After");
            assertThat(feed.events().get(1).event().description()).isEqualTo("a long text that wasfolded without a space");
            assertThat(feed.notes()).containsExactly(
                    "line 12 is no content line: read as the continuation of DESCRIPTION (a fold without its leading space)");
        }

        @Test
        void aLineWithoutNameAfterAPropertyThatIsNoTextIsIgnoredNotJoined() throws Exception {
            ParsedFeed feed = parse(calendar(event("a", "DTSTART:20120213T100000Z", "SUMMARY=testevent")));
            assertThat(feed.events()).singleElement().satisfies(e -> {
                assertThat(e.event().start().canonical()).isEqualTo("20120213T100000Z");
                assertThat(e.event().summary()).isNull();
            });
            assertThat(feed.notes()).containsExactly("line 6 is no content line: ignored");
        }

        @Test
        void aFoldAcrossBlankLinesContinuesTheLineBeforeThem() throws Exception {
            ParsedFeed feed = parse("BEGIN:VCALENDAR", "BEGIN:VEVENT", "UID", "", " :a", "DTSTART", "", " :20031225",
                    "SUMMARY", "", " :Christmas Day", "END:VEVENT", "END:VCALENDAR");
            assertThat(feed.events()).singleElement().satisfies(e -> {
                assertThat(e.uid()).isEqualTo("a");
                assertThat(e.event().summary()).isEqualTo("Christmas Day");
            });
            assertThat(feed.notes()).containsExactly(
                    "line 5 continues a line before a blank line: read as one (folds across blank lines, first here)");
        }

        @Test
        void aComponentWithoutItsEndIsClosedByTheNextOne() throws Exception {
            ParsedFeed feed = parse(calendar(
                    lines("BEGIN:VTODO", "UID:t", "END:VTOOD"),
                    event("a", "DTSTART:20261201T090000Z", "SUMMARY:Kept")));
            assertThat(summaries(feed)).containsExactly("Kept");
            assertThat(feed.notes()).containsExactly(
                    "END:VTOOD (line 5) closes no open component: ignored",
                    "VTODO (line 3) has no END:VTODO: closed by VEVENT (line 6)");
        }

        @Test
        void aFeedWithoutEndVcalendarIsReadToItsEnd() throws Exception {
            ParsedFeed feed = parse("BEGIN:VCALENDAR", "BEGIN:VEVENT", "UID:a", "DTSTART:20261201T090000Z", "END:VEVENT");
            assertThat(feed.events()).hasSize(1);
            assertThat(feed.notes()).containsExactly("the file ends without END:VCALENDAR: read up to its end");
        }

        @Test
        void aFeedCutInsideAnEventIsRefusedWholeSinceReadingItWouldDeleteEverythingAfterTheCut() {
            assertThatThrownBy(() -> parse("BEGIN:VCALENDAR", "BEGIN:VEVENT", "UID:a", "DTSTART:20261201T090000Z",
                    "END:VEVENT", "BEGIN:VEVENT", "UID:b"))
                    .isInstanceOf(FeedParseException.class).hasMessageContaining("ends inside VEVENT (line 6)");
        }

        @Test
        void somethingThatIsNoCalendarAtAllIsRefused() {
            assertThatThrownBy(() -> parse("<html><body>Not found</body></html>"))
                    .isInstanceOf(FeedParseException.class).hasMessageContaining("no BEGIN:VCALENDAR");
        }
    }

    @Nested
    class EventsWithoutUid {

        static final String[] LUNCH = lines("BEGIN:VEVENT", "DTSTART:20261201T120000Z", "SUMMARY:Lunch", "END:VEVENT");

        @Test
        void getAStableIdentityDerivedFromTheirContent() throws Exception {
            ParsedFeed first = parse(calendar(LUNCH));
            ParsedFeed again = parse(calendar(LUNCH));
            ParsedFeed moved = parse(calendar(lines("BEGIN:VEVENT", "DTSTART:20261201T130000Z", "SUMMARY:Lunch", "END:VEVENT")));
            assertThat(first.events()).singleElement().satisfies(e -> assertThat(e.uid()).startsWith("calsync-derived-"));
            assertThat(again.events().get(0).uid()).isEqualTo(first.events().get(0).uid());
            assertThat(moved.events().get(0).uid()).isNotEqualTo(first.events().get(0).uid());
            assertThat(first.warnings()).isEmpty();
            assertThat(first.notes()).containsExactly("VEVENT 'Lunch' (line 3) without UID: identity derived from its content");
        }

        @Test
        void theWarningNamesTheEventWithoutTheLinksOrTokensOfItsSummary() throws Exception {
            ParsedFeed feed = parse(calendar(lines("BEGIN:VEVENT", "DTSTART:20261201T120000Z",
                    "SUMMARY:Call https://zoom.us/j/123?pwd=s3cr3t or www.example.org/x code ABCDEFGHIJKLMNOPQRSTUV", "END:VEVENT")));
            assertThat(feed.notes()).singleElement().asString()
                    .startsWith("VEVENT 'Call <link> or <link> code …' (line 3)")
                    .doesNotContain("zoom").doesNotContain("s3cr3t").doesNotContain("example.org").doesNotContain("ABCDEFGHIJ");
        }

        @Test
        void twoIdenticalOnesStayTwoEvents() throws Exception {
            ParsedFeed feed = parse(calendar(LUNCH, LUNCH));
            assertThat(feed.events()).extracting(ParsedEvent::uid).doesNotHaveDuplicates().hasSize(2);
        }
    }

    @Nested
    class TimeZones {

        @Test
        void anUnknownTzidWithoutVtimezoneIsReadAsFloatingInTheFeedsZone() throws Exception {
            ParsedFeed feed = parse(calendar(lines("X-WR-TIMEZONE:Europe/Paris"),
                    event("a", "DTSTART;TZID=Mars/Olympus_Mons:20261201T090000", "SUMMARY:Mars")));
            assertThat(feed.events().get(0).event().start().canonical()).isEqualTo("Europe/Paris:20261201T090000");
            assertThat(feed.warnings()).isEmpty();
            assertThat(feed.notes()).contains("VEVENT 'Mars' (line 4): TZID 'Mars/Olympus_Mons' is no known zone and has no VTIMEZONE: "
                    + "read as floating, in Europe/Paris");
        }

        @Test
        void anUnknownTzidWithoutXWrTimezoneIsReadInTheDefaultZone() throws Exception {
            ParsedFeed feed = parse(calendar(event("a", "DTSTART;TZID=Mars/Olympus_Mons:20261201T090000")));
            assertThat(feed.events().get(0).event().start().canonical()).isEqualTo("Europe/London:20261201T090000");
        }

        @Test
        void anEscapedCommaInAVtimezonesTzidMatchesTheUnescapedParameter() throws Exception {
            ParsedFeed feed = parse(calendar(
                    lines("BEGIN:VTIMEZONE", "TZID:Kuala Lumpur\\, Singapore", "BEGIN:STANDARD", "DTSTART:19700101T000000",
                            "TZOFFSETFROM:+0800", "TZOFFSETTO:+0800", "END:STANDARD", "END:VTIMEZONE"),
                    event("a", "DTSTART;TZID=\"Kuala Lumpur, Singapore\":20261201T090000")));
            assertThat(feed.events().get(0).event().start()).isInstanceOfSatisfying(dev.calsync.contracts.event.EventTime.Zoned.class,
                    zoned -> assertThat(zoned.zoneId().getRules().getOffset(zoned.localDateTime()).getTotalSeconds()).isEqualTo(8 * 3600));
            assertThat(feed.notes()).anyMatch(n -> n.startsWith("VTIMEZONE (line 3) TZID 'Kuala Lumpur\\, Singapore' unescaped"));
        }

        @Test
        void aDtendOfAnotherKindTakesTheKindOfDtstart() throws Exception {
            ParsedFeed feed = parse(calendar(
                    event("a", "DTSTART;VALUE=DATE:20230724", "DTEND:20230817T000000Z", "SUMMARY:Holidays"),
                    event("b", "DTSTART;TZID=Europe/Berlin:20000101T090000", "DTEND;VALUE=DATE:20000102")));
            assertThat(feed.events()).extracting(e -> e.event().end().canonical())
                    .containsExactly("20230817", "Europe/Berlin:20000102T000000");
            assertThat(feed.warnings()).isEmpty();
            assertThat(feed.notes()).contains("VEVENT 'Holidays' (line 3): DTEND 20230817T000000Z is not of DTSTART's kind "
                    + "(date or date-time): read as 20230817");
        }

        @Test
        void anEmptyRdateOrExdateIsIgnored() throws Exception {
            ParsedFeed feed = parse(calendar(event("a", "DTSTART:20250101T100000Z", "RRULE:FREQ=DAILY;COUNT=2", "EXDATE:",
                    "SUMMARY:Daily")));
            assertThat(feed.events()).singleElement().satisfies(e -> assertThat(e.event().recurrence())
                    .containsExactly("RRULE:FREQ=DAILY;COUNT=2"));
            assertThat(feed.notes()).containsExactly("VEVENT 'Daily' (line 3): EXDATE without a value ignored");
        }

        @Test
        void aFloatingDtendOfAZonedDtstartIsReadInTheStartsZone() throws Exception {
            ParsedFeed feed = parse(calendar(event("a", "DTSTART;TZID=America/New_York:20261201T090000",
                    "DTEND:20261201T100000", "SUMMARY:Call")));
            assertThat(feed.events().get(0).event().end().canonical()).isEqualTo("America/New_York:20261201T100000");
            assertThat(feed.warnings()).isEmpty();
            assertThat(feed.notes()).containsExactly(
                    "VEVENT 'Call' (line 3): floating DTEND of a zoned DTSTART read in the start's zone America/New_York");
        }
    }

    @Nested
    class SeveralVersionsOfOneUid {

        @Test
        void theHighestSequenceIsKeptWhereverItIs() throws Exception {
            ParsedFeed feed = parse(calendar(
                    event("a", "DTSTART:20261201T090000Z", "SEQUENCE:2", "SUMMARY:New"),
                    event("a", "DTSTART:20261201T080000Z", "SEQUENCE:1", "SUMMARY:Old")));
            assertThat(summaries(feed)).containsExactly("New");
            assertThat(feed.notes()).containsExactly("VEVENT 'Old' (line 9) repeats UID and RECURRENCE-ID of VEVENT 'New' (line 3): "
                    + "kept that one, its SEQUENCE 2 is higher than 1");
        }

        @Test
        void ofEqualSequencesTheLastIsKept() throws Exception {
            ParsedFeed feed = parse(calendar(
                    event("a", "DTSTART:20261201T090000Z", "SUMMARY:First"),
                    event("a", "DTSTART:20261201T080000Z", "SUMMARY:Second")));
            assertThat(summaries(feed)).containsExactly("Second");
        }
    }
}
