package dev.calsync.googleemulator.api;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;
import reactor.core.publisher.Mono;

/**
 * What no controller answers under the Calendar API's paths still leaves as Google's error envelope, never
 * Spring's error JSON: ordered before Spring Boot's {@code DefaultErrorWebExceptionHandler} (order -1).
 * <ul>
 *   <li>No handler for the path, or none for the HTTP method on a known path: 404 notFound "Not Found".
 *       Google's discovery-based APIs route on method and path together, so a method a path does not
 *       offer is just another unknown method (404), not 405: the same answer Cloud Endpoints gives for a
 *       DELETE to a POST-only path (endpoints-java #67). ⚠️ Not stated in the Calendar guides.</li>
 *   <li>Any other status Spring raised before a controller ran: that status in Google's envelope.</li>
 *   <li>Anything unexpected: 500 backendError, logged here.</li>
 * </ul>
 * Batch parts are replayed over loopback, so their answers come from here too.
 */
@Component
@Order(-2)
public class GoogleRoutingErrorHandler implements WebExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(GoogleRoutingErrorHandler.class);

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable failure) {
        String path = exchange.getRequest().getPath().value();
        boolean calendarApi = path.equals("/calendar/v3") || path.startsWith("/calendar/v3/") || path.startsWith("/batch/calendar/v3");
        if (!calendarApi || exchange.getResponse().isCommitted()) {
            return Mono.error(failure);
        }
        exchange.getResponse().getHeaders().clear();
        return GoogleErrorBodies.write(exchange.getResponse(), googleError(exchange, failure));
    }

    private static GoogleApiException googleError(ServerWebExchange exchange, Throwable failure) {
        if (failure instanceof GoogleApiException google) {
            return google;
        }
        if (failure instanceof ResponseStatusException status) {
            int code = status.getStatusCode().value();
            return code == 404 || code == 405 ? GoogleApiException.notFound() : GoogleApiException.ofStatus(HttpStatus.valueOf(code));
        }
        log.error("unexpected failure on {} {}", exchange.getRequest().getMethod(), exchange.getRequest().getPath(), failure);
        return GoogleApiException.backendError();
    }
}
