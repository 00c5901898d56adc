package dev.calsync.googleemulator.api;

import java.util.Map;
import org.springframework.core.codec.DecodingException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.server.ServerWebInputException;

/** Every Calendar API failure leaves the emulator as Google's error envelope, never Spring's. */
@RestControllerAdvice(basePackages = "dev.calsync.googleemulator.calendar")
public class GoogleApiExceptionHandler {

    @ExceptionHandler(GoogleApiException.class)
    public ResponseEntity<Map<String, Object>> google(GoogleApiException error) {
        return ResponseEntity.status(error.status()).header(HttpHeaders.CONTENT_TYPE, GoogleErrorBodies.JSON_UTF8_HEADER)
                .body(GoogleErrorBodies.body(error));
    }

    /** Unparseable JSON or a wrongly typed parameter: Google says 400 "Parse Error" / "Invalid Value". */
    @ExceptionHandler({ServerWebInputException.class, DecodingException.class})
    public ResponseEntity<Map<String, Object>> badInput(Exception error) {
        GoogleApiException google = error instanceof DecodingException || error.getCause() instanceof DecodingException
                ? new GoogleApiException(org.springframework.http.HttpStatus.BAD_REQUEST, "global", "parseError", "Parse Error")
                : GoogleApiException.invalid("Invalid Value");
        return google(google);
    }
}
