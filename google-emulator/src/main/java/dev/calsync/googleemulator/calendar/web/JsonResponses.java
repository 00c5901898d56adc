package dev.calsync.googleemulator.calendar.web;

import com.fasterxml.jackson.databind.JsonNode;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/** Google answers JSON as {@code application/json; charset=UTF-8}, with the resource's etag as ETag. */
final class JsonResponses {

    /** Verbatim, space included: Spring's MediaType would print it without the space. */
    static final String JSON_UTF8 = "application/json; charset=UTF-8";

    private JsonResponses() {
    }

    static ResponseEntity<JsonNode> ok(JsonNode body) {
        ResponseEntity.BodyBuilder response = ResponseEntity.ok().header(HttpHeaders.CONTENT_TYPE, JSON_UTF8);
        if (body.hasNonNull("etag")) {
            response.eTag(body.get("etag").asText());
        }
        return response.body(body);
    }

    static ResponseEntity<JsonNode> notModified(String etag) {
        return ResponseEntity.status(HttpStatus.NOT_MODIFIED).eTag(etag).build();
    }

    static ResponseEntity<JsonNode> noContent() {
        return ResponseEntity.noContent().build();
    }
}
