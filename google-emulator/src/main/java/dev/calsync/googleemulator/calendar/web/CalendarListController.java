package dev.calsync.googleemulator.calendar.web;

import com.fasterxml.jackson.databind.JsonNode;
import dev.calsync.googleemulator.api.CalendarApiFilter;
import dev.calsync.googleemulator.auth.TokenPrincipal;
import dev.calsync.googleemulator.calendar.domain.CalendarService;
import dev.calsync.googleemulator.calendar.domain.Caller;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code /calendar/v3/users/me/calendarList} (Calendar API reference: CalendarList). */
@RestController
@RequestMapping("/calendar/v3/users/me/calendarList")
public class CalendarListController {

    private final CalendarService calendars;

    public CalendarListController(CalendarService calendars) {
        this.calendars = calendars;
    }

    @GetMapping
    public ResponseEntity<JsonNode> list(@RequestAttribute(CalendarApiFilter.PRINCIPAL) TokenPrincipal principal,
                                         @RequestParam(required = false) Integer maxResults,
                                         @RequestParam(required = false) String pageToken,
                                         @RequestParam(required = false) Boolean showDeleted,
                                         @RequestParam(required = false) Boolean showHidden,
                                         @RequestParam(required = false) String minAccessRole,
                                         @RequestParam(required = false) String syncToken) {
        return JsonResponses.ok(calendars.calendarList(Caller.of(principal),
                new CalendarService.ListQuery(maxResults, pageToken, showDeleted, showHidden, minAccessRole, syncToken)));
    }

    @GetMapping("/{calendarId}")
    public ResponseEntity<JsonNode> get(@RequestAttribute(CalendarApiFilter.PRINCIPAL) TokenPrincipal principal,
                                        @PathVariable String calendarId) {
        return JsonResponses.ok(calendars.calendarListEntry(Caller.of(principal), calendarId));
    }

    @PutMapping("/{calendarId}")
    public ResponseEntity<JsonNode> update(@RequestAttribute(CalendarApiFilter.PRINCIPAL) TokenPrincipal principal,
                                           @PathVariable String calendarId, @RequestBody JsonNode body,
                                           @RequestParam(defaultValue = "false") boolean colorRgbFormat) {
        return JsonResponses.ok(calendars.updateCalendarListEntry(Caller.of(principal), calendarId, body, colorRgbFormat));
    }

    @PatchMapping("/{calendarId}")
    public ResponseEntity<JsonNode> patch(@RequestAttribute(CalendarApiFilter.PRINCIPAL) TokenPrincipal principal,
                                          @PathVariable String calendarId, @RequestBody JsonNode body,
                                          @RequestParam(defaultValue = "false") boolean colorRgbFormat) {
        return JsonResponses.ok(calendars.patchCalendarListEntry(Caller.of(principal), calendarId, body, colorRgbFormat));
    }
}
