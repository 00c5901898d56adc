package dev.calsync.googleemulator.calendar.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.calsync.googleemulator.api.GoogleErrorBodies;
import dev.calsync.googleemulator.calendar.domain.CalendarEntry;
import dev.calsync.googleemulator.calendar.domain.CalendarService;
import dev.calsync.googleemulator.calendar.domain.CalendarStore;
import dev.calsync.googleemulator.calendar.domain.StoredEvent;
import dev.calsync.googleemulator.directory.Directory;
import dev.calsync.secrets.GoogleOAuthClients;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * {@code GET /emulator/admin/accounts/{email}/calendars}: every calendar of an account — deleted ones
 * flagged — with every stored event as Google holds it: tombstones and overrides included, generated
 * instances not (they are not stored). Tests assert on it what a user would see ("the event is in the
 * calendar once") without spending Calendar quota or calls.
 */
@RestController
@RequestMapping("/emulator/admin")
@ConditionalOnProperty(name = "emulator.admin.enabled", havingValue = "true")
public class CalendarInspectionController {

    private final Directory directory;
    private final CalendarStore store;

    public CalendarInspectionController(Directory directory, CalendarStore store) {
        this.directory = directory;
        this.store = store;
    }

    @GetMapping("/accounts/{email}/calendars")
    public ResponseEntity<JsonNode> calendars(@PathVariable String email) {
        GoogleOAuthClients.Account account = directory.account(email)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no seeded account " + email));
        ArrayNode calendars = store.atomically(() -> {
            store.primaryCalendar(account.sub(), account.email());
            ArrayNode all = JsonNodeFactory.instance.arrayNode();
            for (CalendarEntry calendar : store.calendarsOf(account.sub())) {
                ObjectNode node = CalendarService.calendarResource(calendar);
                node.put("primary", calendar.primary());
                node.put("deleted", calendar.deleted());
                if (calendar.createdByClientId() != null) {
                    node.put("createdByClientId", calendar.createdByClientId());
                }
                ArrayNode events = node.putArray("events");
                store.events(calendar.id()).stream().map(StoredEvent::resource).forEach(events::add);
                all.add(node);
            }
            return all;
        });
        return ResponseEntity.ok().contentType(GoogleErrorBodies.JSON_UTF8).body((JsonNode) calendars);
    }
}
