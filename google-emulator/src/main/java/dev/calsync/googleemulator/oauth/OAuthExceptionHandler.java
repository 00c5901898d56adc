package dev.calsync.googleemulator.oauth;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Renders {@link OAuthException} for the JSON endpoints; like every token answer it must not be cached. */
@RestControllerAdvice(assignableTypes = {TokenController.class, RevocationController.class, DeviceCodeController.class,
        TokeninfoController.class})
public class OAuthExceptionHandler {

    static final MediaType JSON_UTF8 = MediaType.parseMediaType("application/json; charset=utf-8");

    @ExceptionHandler(OAuthException.class)
    public ResponseEntity<Map<String, String>> oauth(OAuthException error) {
        return respond(error);
    }

    static ResponseEntity<Map<String, String>> respond(OAuthException error) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("error", error.error());
        body.put("error_description", error.description());
        return ResponseEntity.status(error.status())
                .contentType(JSON_UTF8)
                .cacheControl(CacheControl.noStore())
                .header(HttpHeaders.PRAGMA, "no-cache")
                .body(body);
    }
}
