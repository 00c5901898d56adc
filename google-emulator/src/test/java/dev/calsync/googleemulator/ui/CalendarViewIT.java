package dev.calsync.googleemulator.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.api.services.calendar.Calendar;
import dev.calsync.googleemulator.EmbeddedGoogleEmulator;
import dev.calsync.googleemulator.calendar.TestEvents;
import dev.calsync.googleemulator.state.IssuedSecrets;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The calendar view at {@code /emulator/ui} over HTTP: what it shows, what it leaves out, when it is there at all. */
class CalendarViewIT extends CalendarViewSupport {

    private static String page(String query) {
        return page(http, query, 200);
    }

    private static String page(WebTestClient client, String query, int status) {
        EntityExchangeResult<String> result = client.get().uri(URI.create(viewUrl(query))).exchange()
                .expectStatus().isEqualTo(status)
                .expectHeader().contentTypeCompatibleWith(MediaType.TEXT_HTML)
                .expectBody(String.class).returnResult();
        return result.getResponseBody();
    }

    private static String query(SampleWeek week, String view) {
        return "account=" + encode(alice().email()) + "&calendar=" + encode(week.calendarId()) + "&view=" + view
                + "&week=" + SampleWeek.MONDAY.plusDays(2);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    @Test
    void theAgendaShowsEachOccurrenceOnceAtItsTimeWithoutCancelledOnes() throws IOException {
        SampleWeek week = SampleWeek.writeWith(calendarClient(accessToken(alice())));

        String html = page("account=" + encode(alice().email()) + "&calendar=" + encode(week.calendarId())
                + "&view=agenda&week=" + SampleWeek.MONDAY);

        assertThat(RenderedCalendar.agenda(html)).containsExactly(
                Map.entry("2026-03-09", List.of("09:00–09:15 Standup ↻ repeats", "13:00–15:00 Focus time")),
                Map.entry("2026-03-10", List.of("All day Conference", "09:00–09:15 Standup ↻ repeats")),
                Map.entry("2026-03-11", List.of("All day Conference", "15:00–16:00 Dentist Torstraße 1", "15:00–15:30 1:1 with Bob")),
                Map.entry("2026-03-12", List.of("12:00–13:00 Team lunch", "14:00–14:15 Standup ↻ repeats moved from Thu 12 Mar 09:00")),
                Map.entry("2026-03-13", List.of("09:00–09:15 Standup ↻ repeats", "10:00–11:30 Review Room 4")));
        assertThat(html).contains("Times in <strong>Europe/Berlin</strong>").doesNotContain("Cancelled lunch")
                .contains("Mon 9 Mar – Sun 22 Mar 2026");
    }

    @Test
    void theWeekGridHasSevenDaysWithAllDayEventsOnTopAndTimedOnesInTheirColumn() throws IOException {
        SampleWeek week = SampleWeek.writeWith(calendarClient(accessToken(alice())));

        // any day of the week shows Monday to Sunday; blocks under 50 minutes show their title, then only their start time
        String html = page(query(week, "week"));

        assertThat(RenderedCalendar.week(html)).containsExactly(
                Map.entry("2026-03-09", List.of("Standup ↻ 09:00", "13:00–15:00 Focus time")),
                Map.entry("2026-03-10", List.of("Conference", "Standup ↻ 09:00")),
                Map.entry("2026-03-11", List.of("Conference", "15:00–16:00 Dentist", "1:1 with Bob 15:00")),
                Map.entry("2026-03-12", List.of("12:00–13:00 Team lunch", "Standup ↻ 14:00")),
                Map.entry("2026-03-13", List.of("Standup ↻ 09:00", "10:00–11:30 Review")),
                Map.entry("2026-03-14", List.of()),
                Map.entry("2026-03-15", List.of()));
        assertThat(html).contains("Mon 9 Mar – Sun 15 Mar 2026")
                // overlapping appointments share Wednesday's column
                .containsPattern("left:0\\.000%;width:50\\.000%\" title=\"Dentist")
                .containsPattern("left:50\\.000%;width:50\\.000%\" title=\"1:1 with Bob")
                // the moved standup says where it came from
                .contains("title=\"Standup, 14:00–14:15, moved from Thu 12 Mar 09:00\"");
    }

    @Test
    void previousAndNextMoveByTheViewsLength() throws IOException {
        SampleWeek week = SampleWeek.writeWith(calendarClient(accessToken(alice())));
        String calendar = "calendar=" + encode(week.calendarId());

        assertThat(page(query(week, "week")))
                .contains("id=\"prev\" href=\"/emulator/ui?account=alice%40example.com&amp;" + calendar + "&amp;view=week&amp;week=2026-03-02\"")
                .contains("id=\"next\" href=\"/emulator/ui?account=alice%40example.com&amp;" + calendar + "&amp;view=week&amp;week=2026-03-16\"");
        assertThat(page(query(week, "agenda")))
                .contains("id=\"next\" href=\"/emulator/ui?account=alice%40example.com&amp;" + calendar + "&amp;view=agenda&amp;week=2026-03-25\"");
        assertThat(RenderedCalendar.week(page("account=" + encode(alice().email()) + "&" + calendar + "&week=2026-03-16")))
                .allSatisfy((day, lines) -> assertThat(lines).isEmpty());
    }

    @Test
    void eventAndCalendarTextIsEscaped() throws IOException {
        Calendar alice = calendarClient(accessToken(alice()));
        String calendarId = alice.calendars().insert(new com.google.api.services.calendar.model.Calendar()
                .setSummary("<b>Bold</b> & co").setTimeZone(TestEvents.BERLIN)).execute().getId();
        alice.events().insert(calendarId, TestEvents.meeting("<script>alert('x')</script>",
                "2026-03-10T09:00:00+01:00", "2026-03-10T10:00:00+01:00")
                .setLocation("\"><img src=x onerror=alert(1)>")).execute();

        for (String view : List.of("agenda", "week")) {
            String html = page("account=" + encode(alice().email()) + "&calendar=" + encode(calendarId) + "&view=" + view
                    + "&week=2026-03-10");
            assertThat(html).doesNotContain("<script", "<img", "<b>Bold")
                    .contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;", "&lt;b&gt;Bold&lt;/b&gt; &amp; co");
        }
        http.get().uri(URI.create(viewUrl("view=agenda"))).exchange().expectHeader()
                .valueEquals("Content-Security-Policy",
                        "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'");
        // a hostile value in the query comes back escaped in the error page
        assertThat(page(http, "account=%3Cscript%3E", 404)).doesNotContain("<script>").contains("&lt;script&gt;");
    }

    @Test
    void noIssuedSecretAppearsOnAnyPage() throws IOException {
        SampleWeek week = SampleWeek.writeWith(calendarClient(accessToken(alice())));
        accessToken(bob());
        StringBuilder pages = new StringBuilder();
        for (String view : List.of("agenda", "week")) {
            pages.append(page(query(week, view)));
            pages.append(page("account=" + encode(bob().email()) + "&view=" + view));
            pages.append(page("view=" + view));
        }

        List<String> secrets = google.bean(IssuedSecrets.class).all().stream().map(IssuedSecrets.Issued::value).toList();
        assertThat(secrets).contains(webClient().clientSecret()).hasSizeGreaterThan(2);
        assertThat(pages.toString()).contains(alice().email(), bob().email(), "Standup");
        for (String secret : secrets) {
            assertThat(pages.toString()).as("the view shows no issued secret").doesNotContain(secret);
        }
    }

    @Test
    void accountsAndCalendarsAreChosenFromThoseThatExist() throws IOException {
        SampleWeek week = SampleWeek.writeWith(calendarClient(accessToken(alice())));

        String first = page("");
        assertThat(first).contains(">" + alice().email() + "</a>", ">" + bob().email() + "</a>")
                .contains("class=\"chosen\" aria-current=\"page\">" + alice().email() + "<")
                .contains(SampleWeek.CALENDAR_SUMMARY + "</a>")
                // the primary calendar (named after the account) is the one shown first
                .contains("aria-current=\"page\">" + alice().email() + " <span class=\"kind\">(primary)</span>");

        assertThat(page(http, "account=nobody%40example.com", 404)).contains("The emulator has no account");
        // a calendar of another account is not found under this one
        assertThat(page(http, "account=" + encode(bob().email()) + "&calendar=" + encode(week.calendarId()), 404))
                .contains("has no calendar");
        assertThat(page(http, "week=next-tuesday", 400)).contains("week must be an ISO date");
        assertThat(page(http, "week=%2B999999999-12-31", 400)).contains("week must lie between");
        assertThat(page(http, "view=month", 400)).contains("view must be agenda or week");
    }

    // a read-only page: looking at an account no API call has touched makes no calendar for it
    @Test
    void anAccountWithoutCalendarsIsShownAsSuchAndGetsNone() {
        String bobsQuery = "account=" + encode(bob().email()) + "&view=week";
        assertThat(page(bobsQuery)).contains("No calendars yet").doesNotContain("(primary)");
        assertThat(page(bobsQuery)).contains("No calendars yet");
        assertThat(page(http, bobsQuery + "&calendar=" + encode(bob().email()), 404)).contains("has no calendar");
    }

    @Test
    void aDeletedCalendarIsNotOffered() throws IOException {
        Calendar alice = calendarClient(accessToken(alice()));
        SampleWeek week = SampleWeek.writeWith(alice);
        alice.calendars().delete(week.calendarId()).execute();

        assertThat(page("view=week")).doesNotContain(SampleWeek.CALENDAR_SUMMARY);
        page(http, "calendar=" + encode(week.calendarId()), 404);
    }

    @Test
    void theViewIsOffUnlessSwitchedOn() {
        withoutView.get().uri("/emulator/ui").exchange().expectStatus().isNotFound();
    }

    @Test
    void theViewNeedsNoAdminApi() throws IOException {
        Path seedFile = Files.createTempFile("emulator-seed-ui-only", ".json");
        Files.writeString(seedFile, seed.toJson());
        try (EmbeddedGoogleEmulator viewOnly = EmbeddedGoogleEmulator.start(seedFile,
                Map.of("emulator.ui.enabled", "true", "emulator.admin.enabled", "false"))) {
            WebTestClient client = WebTestClient.bindToServer().baseUrl(viewOnly.baseUrl().toString()).build();
            client.get().uri("/emulator/admin/calls").exchange().expectStatus().isNotFound();
            client.get().uri("/emulator/ui?view=agenda").exchange().expectStatus().isOk()
                    .expectBody(String.class).value(html -> assertThat(html).contains(alice().email(), bob().email(),
                            "No calendars yet"));
        }
    }

    @Test
    void theViewOnlyAnswersGet() {
        http.post().uri("/emulator/ui").exchange().expectStatus().isEqualTo(405);
        http.delete().uri("/emulator/ui").exchange().expectStatus().isEqualTo(405);
    }
}
