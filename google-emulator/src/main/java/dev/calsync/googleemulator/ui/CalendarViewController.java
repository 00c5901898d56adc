package dev.calsync.googleemulator.ui;

import java.nio.charset.StandardCharsets;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * {@code GET /emulator/ui}: a read-only calendar view for people — each seeded account's calendars as an agenda
 * or a week grid ({@code account}, {@code calendar}, {@code week}, {@code view=agenda|week}). Off unless
 * {@code emulator.ui.enabled} (env {@code GOOGLE_EMULATOR_UI_ENABLED}); independent of the admin API. It shows
 * account emails and calendar content, never a token, code or client secret, and has no forms.
 */
@RestController
@ConditionalOnProperty(name = "emulator.ui.enabled", havingValue = "true")
public class CalendarViewController {

    /** No script, no frames, no forms, nothing from elsewhere: only the page's own inline styles. */
    private static final String CONTENT_SECURITY_POLICY =
            "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private final CalendarViewReader reader;

    CalendarViewController(CalendarViewReader reader) {
        this.reader = reader;
    }

    @GetMapping(CalendarViewPages.PATH)
    public Mono<ResponseEntity<String>> view(@RequestParam(required = false) String account,
                                             @RequestParam(required = false) String calendar,
                                             @RequestParam(required = false) String week,
                                             @RequestParam(required = false) String view) {
        // the store's lock and the series expansion block: not on the event loop
        return Mono.fromCallable(() -> {
            CalendarView shown = reader.read(CalendarViewRequest.parse(account, calendar, week, view));
            return html(HttpStatus.OK, shown == null ? CalendarViewPages.noAccounts()
                    : shown.calendar() == null ? CalendarViewPages.noCalendars(shown) : CalendarViewPages.page(shown));
        }).subscribeOn(Schedulers.boundedElastic());
    }

    @ExceptionHandler(CalendarViewException.class)
    public ResponseEntity<String> refused(CalendarViewException refusal) {
        return html(refusal.status(), CalendarViewPages.error(refusal.getMessage()));
    }

    private static ResponseEntity<String> html(HttpStatus status, String page) {
        return ResponseEntity.status(status)
                .contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
                .cacheControl(CacheControl.noStore())
                .header("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                .header("X-Content-Type-Options", "nosniff")
                .header("Referrer-Policy", "no-referrer")
                .body(page);
    }
}
