package dev.calsync.feedingest.parse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.calsync.contracts.event.NormalizedEvent;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Real-world-shaped feeds (Google, Outlook, Apple exports, DST edges, broken components, a declared
 * charset) against their expected normalized output, one readable line per event in
 * {@code corpus/<name>.expected}. Set {@code -Dcorpus.write=true} to print what a file gives now.
 */
class IcsCorpusTest {

    static final ZoneId DEFAULT_ZONE = ZoneId.of("Europe/London");

    @ParameterizedTest
    @CsvSource({
        "google-export, UTF-8",
        "outlook-export, UTF-8",
        "apple-export, UTF-8",
        "dst-edges, UTF-8",
        "broken-components, UTF-8",
        "latin1-charset, ISO-8859-1",
    })
    void normalizesAsExpected(String name, String charset) throws Exception {
        String actual = render(parse(name, Charset.forName(charset)));
        if (Boolean.getBoolean("corpus.write")) {
            System.out.println("=== " + name + "\n" + actual);
        }
        assertThat(actual).isEqualTo(expected(name));
    }

    @org.junit.jupiter.api.Test
    void aByteOrderMarkIsReadAsTheCharsetItNamesNotAsText() throws Exception {
        byte[] ics = "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:bom\r\nDTSTART:20261201T090000Z\r\nSUMMARY:Zürich\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
                .getBytes(StandardCharsets.UTF_16LE);
        byte[] withBom = new byte[ics.length + 2];
        withBom[0] = (byte) 0xFF;
        withBom[1] = (byte) 0xFE;
        System.arraycopy(ics, 0, withBom, 2, ics.length);
        ParsedFeed feed = new IcsFeedParser(DEFAULT_ZONE, 2026).parse(FeedText.reader(withBom, StandardCharsets.UTF_8));
        assertThat(feed.events()).singleElement().satisfies(e -> assertThat(e.event().summary()).isEqualTo("Zürich"));

        byte[] utf8 = ("\uFEFF" + new String(ics, StandardCharsets.UTF_16LE)).getBytes(StandardCharsets.UTF_8);
        assertThat(new IcsFeedParser(DEFAULT_ZONE, 2026).parse(FeedText.reader(utf8, StandardCharsets.ISO_8859_1)).events())
                .singleElement().satisfies(e -> assertThat(e.event().summary()).isEqualTo("Zürich"));
    }

    @org.junit.jupiter.api.Test
    void aVtimezoneOrXWrTimezoneAfterTheEventsThatUseThemStillApplies() throws Exception {
        String ics = String.join("\r\n", "BEGIN:VCALENDAR",
                "BEGIN:VEVENT", "UID:zoned", "DTSTART;TZID=Custom Berlin:20261201T090000", "END:VEVENT",
                "BEGIN:VEVENT", "UID:floating", "DTSTART:20261201T090000", "END:VEVENT",
                "X-WR-TIMEZONE:Asia/Tokyo",
                "BEGIN:VTIMEZONE", "TZID:Custom Berlin", "X-LIC-LOCATION:Europe/Berlin",
                "BEGIN:STANDARD", "DTSTART:19701025T030000", "TZOFFSETFROM:+0200", "TZOFFSETTO:+0100", "END:STANDARD",
                "END:VTIMEZONE", "END:VCALENDAR", "");
        ParsedFeed feed = new IcsFeedParser(DEFAULT_ZONE, 2026).parse(new java.io.StringReader(ics));
        assertThat(feed.warnings()).isEmpty();
        assertThat(feed.events()).extracting(e -> e.uid() + " " + e.event().start().canonical())
                .containsExactly("zoned Europe/Berlin:20261201T090000", "floating Asia/Tokyo:20261201T090000");
    }

    static ParsedFeed parse(String name, Charset charset) throws IOException, FeedParseException {
        try (InputStream in = IcsCorpusTest.class.getResourceAsStream("/corpus/" + name + ".ics")) {
            return new IcsFeedParser(DEFAULT_ZONE, 2026).parse(new InputStreamReader(in, charset));
        }
    }

    static String expected(String name) throws IOException {
        try (InputStream in = IcsCorpusTest.class.getResourceAsStream("/corpus/" + name + ".expected")) {
            return in == null ? "<no expected file>" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** One line per event, then the warnings and notes; every field the writer relies on is in it. */
    static String render(ParsedFeed feed) {
        List<String> lines = new ArrayList<>();
        for (ParsedEvent parsed : feed.events()) {
            NormalizedEvent e = parsed.event();
            lines.add("event " + parsed.uid() + " | rid=" + parsed.recurrenceKey()
                    + " | start=" + e.start().canonical() + " | end=" + (e.end() == null ? "-" : e.end().canonical())
                    + " | recurrence=" + e.recurrence() + " | " + e.status() + " " + e.transparency() + " " + e.visibility()
                    + " seq=" + e.sequence()
                    + " | reminders=" + (e.reminders() == null ? "-" : e.reminders().overrides().stream()
                            .map(r -> r.method() + ":" + r.minutesBefore()).collect(Collectors.joining(",")))
                    + " | summary=" + e.summary() + " | description=" + e.description() + " | location=" + e.location()
                    + " | url=" + e.url());
        }
        feed.warnings().forEach(w -> lines.add("warning " + w));
        feed.notes().forEach(n -> lines.add("note " + n));
        return String.join("\n", lines) + "\n";
    }
}
