package dev.calsync.googleemulator.calendar.web;

import com.fasterxml.jackson.databind.JsonNode;
import dev.calsync.googleemulator.calendar.domain.CalendarColors;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /calendar/v3/colors} (Calendar API reference: Colors: get). Any token the API admits may read
 * it: the palettes are the same for everyone.
 */
@RestController
public class ColorsController {

    @GetMapping("/calendar/v3/colors")
    public ResponseEntity<JsonNode> get() {
        return JsonResponses.ok(CalendarColors.resource());
    }
}
