package dev.calsync.googleemulator.api;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import reactor.core.publisher.Mono;

/** Renders {@link GoogleApiException} exactly as Google does (strict JSON, {@code application/json; charset=UTF-8}). */
public final class GoogleErrorBodies {

    public static final MediaType JSON_UTF8 = MediaType.parseMediaType("application/json; charset=UTF-8");
    /** Verbatim, space included: MediaType would print it without the space Google sends. */
    public static final String JSON_UTF8_HEADER = "application/json; charset=UTF-8";
    private static final ObjectMapper JSON = new ObjectMapper();

    private GoogleErrorBodies() {
    }

    public static Map<String, Object> body(GoogleApiException error) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("domain", error.domain());
        detail.put("reason", error.reason());
        detail.put("message", error.getMessage());
        if (error.locationType() != null) {
            detail.put("locationType", error.locationType());
            detail.put("location", error.location());
        }
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("errors", List.of(detail));
        inner.put("code", error.status().value());
        inner.put("message", error.getMessage());
        return Map.of("error", inner);
    }

    public static Mono<Void> write(ServerHttpResponse response, GoogleApiException error) {
        response.setStatusCode(error.status());
        response.getHeaders().set(HttpHeaders.CONTENT_TYPE, JSON_UTF8_HEADER);
        if (error.status().value() == 401) {
            // RFC 6750 §3.1: no error code when the request carried no credential at all
            response.getHeaders().set("WWW-Authenticate", "required".equals(error.reason())
                    ? "Bearer realm=\"https://accounts.google.com/\""
                    : "Bearer realm=\"https://accounts.google.com/\", error=\"invalid_token\"");
        }
        try {
            DataBuffer buffer = response.bufferFactory().wrap(JSON.writeValueAsString(body(error)).getBytes(StandardCharsets.UTF_8));
            return response.writeWith(Mono.just(buffer));
        } catch (JsonProcessingException e) {
            return Mono.error(e);
        }
    }
}
