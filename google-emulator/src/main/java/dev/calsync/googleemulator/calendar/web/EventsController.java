package dev.calsync.googleemulator.calendar.web;

import com.fasterxml.jackson.databind.JsonNode;
import dev.calsync.googleemulator.api.CalendarApiFilter;
import dev.calsync.googleemulator.auth.TokenPrincipal;
import dev.calsync.googleemulator.calendar.CalendarSwitches;
import dev.calsync.googleemulator.calendar.domain.CalendarErrors;
import dev.calsync.googleemulator.calendar.domain.Caller;
import dev.calsync.googleemulator.calendar.domain.EventQueries;
import dev.calsync.googleemulator.calendar.domain.EventService;
import dev.calsync.googleemulator.calendar.domain.Preconditions;
import dev.calsync.googleemulator.calendar.domain.StoredEvent;
import java.util.List;
import java.util.Set;
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
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /calendar/v3/calendars/{calendarId}/events} (Calendar API reference: Events). Notification
 * parameters ({@code sendUpdates}, {@code sendNotifications}) are accepted and checked but nobody is
 * notified; {@code conferenceDataVersion}, {@code maxAttendees}, {@code supportsAttachments} are accepted.
 */
@RestController
@RequestMapping("/calendar/v3/calendars/{calendarId}/events")
public class EventsController {

    private static final Set<String> SEND_UPDATES = Set.of("all", "externalOnly", "none");

    private final EventService events;
    private final EventQueries queries;
    private final CalendarSwitches switches;

    public EventsController(EventService events, EventQueries queries, CalendarSwitches switches) {
        this.events = events;
        this.queries = queries;
        this.switches = switches;
    }

    @PostMapping
    public ResponseEntity<JsonNode> insert(@RequestAttribute(CalendarApiFilter.PRINCIPAL) TokenPrincipal principal,
                                           @PathVariable String calendarId, @RequestBody JsonNode body,
                                           @RequestParam(required = false) String sendUpdates) {
        checkSendUpdates(sendUpdates);
        return JsonResponses.ok(events.insert(Caller.of(principal), calendarId, body));
    }

    @GetMapping
    public ResponseEntity<JsonNode> list(@RequestAttribute(CalendarApiFilter.PRINCIPAL) TokenPrincipal principal,
                                         @PathVariable String calendarId,
                                         @RequestParam(required = false) Integer maxResults,
                                         @RequestParam(required = false) String pageToken,
                                         @RequestParam(required = false) Boolean showDeleted,
                                         @RequestParam(defaultValue = "false") boolean singleEvents,
                                         @RequestParam(required = false) String orderBy,
                                         @RequestParam(required = false) List<String> privateExtendedProperty,
                                         @RequestParam(required = false) List<String> sharedExtendedProperty,
                                         @RequestParam(required = false) String iCalUID,
                                         @RequestParam(required = false) String timeMin,
                                         @RequestParam(required = false) String timeMax,
                                         @RequestParam(required = false) String updatedMin,
                                         @RequestParam(required = false) String q,
                                         @RequestParam(required = false) String syncToken) {
        EventQueries.ListQuery query = new EventQueries.ListQuery(maxResults, pageToken, showDeleted, singleEvents, orderBy,
                privateExtendedProperty, sharedExtendedProperty, iCalUID, timeMin, timeMax, updatedMin, q, syncToken);
        return JsonResponses.ok(queries.list(Caller.of(principal), calendarId, query));
    }

    @GetMapping("/{eventId}")
    public ResponseEntity<JsonNode> get(@RequestAttribute(CalendarApiFilter.PRINCIPAL) TokenPrincipal principal,
                                        @PathVariable String calendarId, @PathVariable String eventId,
                                        @RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch) {
        StoredEvent event = events.get(Caller.of(principal), calendarId, eventId);
        if (Preconditions.notModified(ifNoneMatch, event.etag())) {
            return JsonResponses.notModified(event.etag());
        }
        return JsonResponses.ok(event.asRead(switches.cancelledBodies()));
    }

    @PutMapping("/{eventId}")
    public ResponseEntity<JsonNode> update(@RequestAttribute(CalendarApiFilter.PRINCIPAL) TokenPrincipal principal,
                                           @PathVariable String calendarId, @PathVariable String eventId,
                                           @RequestBody JsonNode body,
                                           @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                           @RequestParam(required = false) String sendUpdates) {
        checkSendUpdates(sendUpdates);
        return JsonResponses.ok(events.update(Caller.of(principal), calendarId, eventId, body, ifMatch));
    }

    @PatchMapping("/{eventId}")
    public ResponseEntity<JsonNode> patch(@RequestAttribute(CalendarApiFilter.PRINCIPAL) TokenPrincipal principal,
                                          @PathVariable String calendarId, @PathVariable String eventId,
                                          @RequestBody JsonNode body,
                                          @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                          @RequestParam(required = false) String sendUpdates) {
        checkSendUpdates(sendUpdates);
        return JsonResponses.ok(events.patch(Caller.of(principal), calendarId, eventId, body, ifMatch));
    }

    @DeleteMapping("/{eventId}")
    public ResponseEntity<JsonNode> delete(@RequestAttribute(CalendarApiFilter.PRINCIPAL) TokenPrincipal principal,
                                           @PathVariable String calendarId, @PathVariable String eventId,
                                           @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                           @RequestParam(required = false) String sendUpdates) {
        checkSendUpdates(sendUpdates);
        events.delete(Caller.of(principal), calendarId, eventId, ifMatch);
        return JsonResponses.noContent();
    }

    @GetMapping("/{eventId}/instances")
    public ResponseEntity<JsonNode> instances(@RequestAttribute(CalendarApiFilter.PRINCIPAL) TokenPrincipal principal,
                                              @PathVariable String calendarId, @PathVariable String eventId,
                                              @RequestParam(required = false) Integer maxResults,
                                              @RequestParam(required = false) String pageToken,
                                              @RequestParam(defaultValue = "false") boolean showDeleted,
                                              @RequestParam(required = false) String timeMin,
                                              @RequestParam(required = false) String timeMax,
                                              @RequestParam(required = false) String originalStart) {
        EventQueries.InstancesQuery query = new EventQueries.InstancesQuery(maxResults, pageToken, showDeleted, timeMin,
                timeMax, originalStart);
        return JsonResponses.ok(queries.instances(Caller.of(principal), calendarId, eventId, query));
    }

    private static void checkSendUpdates(String sendUpdates) {
        if (sendUpdates != null && !SEND_UPDATES.contains(sendUpdates)) {
            throw CalendarErrors.invalidParameter("sendUpdates", "Invalid Value");
        }
    }
}
