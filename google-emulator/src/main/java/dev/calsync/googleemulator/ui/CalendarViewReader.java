package dev.calsync.googleemulator.ui;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.calsync.googleemulator.auth.CalendarScopes;
import dev.calsync.googleemulator.calendar.domain.CalendarEntry;
import dev.calsync.googleemulator.calendar.domain.CalendarStore;
import dev.calsync.googleemulator.calendar.domain.Caller;
import dev.calsync.googleemulator.calendar.domain.EventQueries;
import dev.calsync.googleemulator.directory.Directory;
import dev.calsync.secrets.GoogleOAuthClients;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Reads what the calendar view shows. Occurrences come from the same events.list path a Google client with
 * {@code singleEvents=true&orderBy=startTime} takes — series expanded by the emulator's {@code SeriesExpander},
 * overrides in place of their slots, cancelled events and instances left out — asked as the account itself
 * with a read-only scope. Blocking (the store's lock): callers keep it off the event loop.
 */
@Component
@ConditionalOnProperty(name = "emulator.ui.enabled", havingValue = "true")
class CalendarViewReader {

    /** How many days the agenda lists. */
    static final int AGENDA_DAYS = 14;

    /** events.list's largest page */
    private static final int PAGE_SIZE = 2500;

    private final Directory directory;
    private final CalendarStore store;
    private final EventQueries queries;
    private final Clock clock;

    CalendarViewReader(Directory directory, CalendarStore store, EventQueries queries, Clock clock) {
        this.directory = directory;
        this.store = store;
        this.queries = queries;
        this.clock = clock;
    }

    /** The page's content (without a calendar when the account has none yet), or null when the seed has no accounts. */
    CalendarView read(CalendarViewRequest request) {
        List<GoogleOAuthClients.Account> accounts = directory.registrations().accounts();
        if (accounts.isEmpty() && request.account() == null) {
            return null;
        }
        GoogleOAuthClients.Account account = request.account() == null ? accounts.get(0)
                : directory.account(request.account()).orElseThrow(() -> new CalendarViewException(HttpStatus.NOT_FOUND,
                        "The emulator has no account \"" + request.account() + "\"; choose one of the accounts listed."));
        List<CalendarView.CalendarChoice> calendars = new ArrayList<>();
        CalendarEntry calendar = store.atomically(() -> {
            // the emulator makes an account's primary calendar on its first API call; a read-only page makes none
            List<CalendarEntry> live = store.calendarsOf(account.sub()).stream().filter(entry -> !entry.deleted())
                    .sorted(Comparator.comparing((CalendarEntry entry) -> !entry.primary())).toList();
            live.forEach(entry -> calendars.add(new CalendarView.CalendarChoice(entry.id(), entry.summary(), entry.primary())));
            return request.calendar() == null ? live.stream().findFirst().orElse(null)
                    : live.stream().filter(entry -> entry.id().equals(request.calendar())).findFirst().orElse(null);
        });
        if (calendar == null && request.calendar() == null) {
            LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
            return new CalendarView(accounts.stream().map(GoogleOAuthClients.Account::email).toList(), account.email(),
                    List.of(), null, ZoneOffset.UTC, request.view(), today, 1, today, List.of());
        }
        if (calendar == null) {
            throw new CalendarViewException(HttpStatus.NOT_FOUND, account.email() + " has no calendar \"" + request.calendar()
                    + "\"; choose one of the calendars listed.");
        }
        ZoneId zone = ZoneId.of(calendar.timeZone());
        LocalDate today = LocalDate.ofInstant(clock.instant(), zone);
        LocalDate day = request.day() != null ? request.day() : today;
        LocalDate first = request.view() == ViewKind.WEEK ? day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)) : day;
        int days = request.view() == ViewKind.WEEK ? 7 : AGENDA_DAYS;
        Instant from = first.atStartOfDay(zone).toInstant();
        Instant to = first.plusDays(days).atStartOfDay(zone).toInstant();
        List<ShownEvent> events = occurrences(account, calendar.id(), from, to).stream()
                .map(resource -> ShownEvent.of(resource, zone)).toList();
        CalendarView.CalendarChoice chosen = new CalendarView.CalendarChoice(calendar.id(), calendar.summary(), calendar.primary());
        return new CalendarView(accounts.stream().map(GoogleOAuthClients.Account::email).toList(), account.email(),
                List.copyOf(calendars), chosen, zone, request.view(), first, days, today, events);
    }

    /** events.list with singleEvents=true over [from, to), every page. */
    private List<ObjectNode> occurrences(GoogleOAuthClients.Account account, String calendarId, Instant from, Instant to) {
        // the view reads as the account would through an app it allowed to read (the read-only scope)
        Caller reader = new Caller(account.sub(), account.email(), null, Set.of(CalendarScopes.CALENDAR_READONLY));
        List<ObjectNode> items = new ArrayList<>();
        String pageToken = null;
        do {
            EventQueries.ListQuery query = new EventQueries.ListQuery(PAGE_SIZE, pageToken, false, true, "startTime", null,
                    null, null, from.toString(), to.toString(), null, null, null);
            ObjectNode page = queries.list(reader, calendarId, query);
            for (JsonNode item : page.path("items")) {
                items.add((ObjectNode) item);
            }
            pageToken = page.path("nextPageToken").asText(null);
        } while (pageToken != null);
        return items;
    }
}
