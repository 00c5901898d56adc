package dev.calsync.oauth.feed;

import dev.calsync.secrets.SecretName;
import dev.calsync.secrets.SecretStore;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;

/**
 * feed-ingest-service's internal HTTP API: "Sync now" asks it to fetch a feed now. feed-ingest limits refreshes
 * per feed; its 429 is {@link RefreshOutcome#UNAVAILABLE} here, like any other failure.
 */
@Component
public class FeedIngestClient {

    /** How feed-ingest answered a refresh. */
    public enum RefreshOutcome { STARTED, NOT_KNOWN_YET, PAUSED, UNAVAILABLE }

    private final WebClient http;
    /** Read once: SERVICE_CREDENTIAL is a required secret, checked at startup (calsync.secrets.required). */
    private final String serviceCredential;

    public FeedIngestClient(WebClient.Builder builder, @Value("${calsync.feed-ingest.url}") String baseUrl, SecretStore secrets) {
        this.http = builder.baseUrl(baseUrl).build();
        this.serviceCredential = secrets.read(SecretName.SERVICE_CREDENTIAL);
    }

    public Mono<RefreshOutcome> refresh(String feedId) {
        return http.post().uri("/api/feeds/{id}/refresh", feedId)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + serviceCredential)
                .exchangeToMono(response -> response.releaseBody().thenReturn(outcome(response.statusCode())))
                .timeout(Duration.ofSeconds(5))
                .onErrorReturn(RefreshOutcome.UNAVAILABLE);
    }

    private static RefreshOutcome outcome(HttpStatusCode status) {
        if (status.is2xxSuccessful()) {
            return RefreshOutcome.STARTED;
        }
        return switch (status.value()) {
            case 404 -> RefreshOutcome.NOT_KNOWN_YET;
            case 409 -> RefreshOutcome.PAUSED;
            default -> RefreshOutcome.UNAVAILABLE;
        };
    }
}
