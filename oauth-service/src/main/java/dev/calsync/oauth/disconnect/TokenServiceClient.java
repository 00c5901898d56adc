package dev.calsync.oauth.disconnect;

import dev.calsync.secrets.SecretName;
import dev.calsync.secrets.SecretStore;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;

/**
 * token-service's internal revoke API: it revokes the grant at Google, scrubs the token and publishes
 * TokenRevoked(USER_DISCONNECT) before it answers.
 */
@Component
public class TokenServiceClient {

    private final WebClient http;
    /** Read once: SERVICE_CREDENTIAL is a required secret, checked at startup (calsync.secrets.required). */
    private final String serviceCredential;

    public TokenServiceClient(WebClient.Builder builder, @Value("${calsync.token-service.url}") String baseUrl, SecretStore secrets) {
        this.http = builder.baseUrl(baseUrl).build();
        this.serviceCredential = secrets.read(SecretName.SERVICE_CREDENTIAL);
    }

    /** @return true when token-service confirmed the revoke; false on any failure (nothing changed) */
    public Mono<Boolean> revoke(String subscriberId) {
        return http.post().uri("/internal/v1/subscribers/{id}/revoke", subscriberId)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + serviceCredential)
                .exchangeToMono(response -> response.releaseBody().thenReturn(response.statusCode().is2xxSuccessful()))
                .timeout(Duration.ofSeconds(20))
                .onErrorReturn(false);
    }
}
