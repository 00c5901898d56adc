package dev.calsync.googleemulator.calendar.web;

import com.fasterxml.jackson.databind.JsonNode;
import dev.calsync.googleemulator.api.CalendarApiFilter;
import dev.calsync.googleemulator.auth.TokenPrincipal;
import dev.calsync.googleemulator.calendar.domain.CalendarEntry;
import dev.calsync.googleemulator.calendar.domain.CalendarService;
import dev.calsync.googleemulator.calendar.domain.Caller;
import dev.calsync.googleemulator.calendar.domain.Preconditions;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code /calendar/v3/calendars} (Calendar API reference: Calendars). */
@RestController
@RequestMapping("/calendar/v3/calendars")
public class CalendarsController {

    private final CalendarService calendars;

    public CalendarsController(CalendarService calendars) {
        this.calendars = calendars;
    }

    @PostMapping
    public ResponseEntity<JsonNode> insert(@RequestAttribute(CalendarApiFilter.PRINCIPAL) TokenPrincipal principal,
                                           @RequestBody JsonNode body) {
        return JsonResponses.ok(calendars.insert(Caller.of(principal), body));
    }

    @GetMapping("/{calendarId}")
    public ResponseEntity<JsonNode> get(@RequestAttribute(CalendarApiFilter.PRINCIPAL) TokenPrincipal principal,
                                        @PathVariable String calendarId,
                                        @RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch) {
        CalendarEntry calendar = calendars.get(Caller.of(principal), calendarId);
        if (Preconditions.notModified(ifNoneMatch, calendar.etag())) {
            return JsonResponses.notModified(calendar.etag());
        }
        return JsonResponses.ok(CalendarService.calendarResource(calendar));
    }

    @PutMapping("/{calendarId}")
    public ResponseEntity<JsonNode> update(@RequestAttribute(CalendarApiFilter.PRINCIPAL) TokenPrincipal principal,
                                           @PathVariable String calendarId, @RequestBody JsonNode body,
                                           @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        return JsonResponses.ok(calendars.update(Caller.of(principal), calendarId, body, ifMatch));
    }

    @PatchMapping("/{calendarId}")
    public ResponseEntity<JsonNode> patch(@RequestAttribute(CalendarApiFilter.PRINCIPAL) TokenPrincipal principal,
                                          @PathVariable String calendarId, @RequestBody JsonNode body,
                                          @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        return JsonResponses.ok(calendars.patch(Caller.of(principal), calendarId, body, ifMatch));
    }

    @DeleteMapping("/{calendarId}")
    public ResponseEntity<JsonNode> delete(@RequestAttribute(CalendarApiFilter.PRINCIPAL) TokenPrincipal principal,
                                           @PathVariable String calendarId,
                                           @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        calendars.delete(Caller.of(principal), calendarId, ifMatch);
        return JsonResponses.noContent();
    }
}
