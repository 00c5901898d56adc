package dev.calsync.calendarwriter.google;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import dev.calsync.calendarwriter.config.WriterProperties;
import dev.calsync.secrets.SecretName;
import dev.calsync.secrets.SecretStore;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Access tokens from token-service ({@code POST /internal/v1/subscribers/{id}/access-token}), cached per
 * (subscriber, grant) until {@code tokenRefreshMargin} before they expire, in a bounded cache
 * ({@code tokenCacheSize} entries, each gone when its token expires). Called from the consumer's
 * thread only (blocking is fine there, never on an event loop). Tokens are never logged.
 */
@Component
public class TokenServiceClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private record Cached(String accessToken, Instant expiresAt) {
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    /** Bounded: least recently used entries go first; an entry is dropped once its token expired. */
    private final Cache<String, Cached> cache;
    private final WriterProperties properties;
    private final Clock clock;
    /** token-service's base URL without a trailing slash. */
    private final String baseUrl;
    /** Read once: SERVICE_CREDENTIAL is a required secret, checked at startup (calsync.secrets.required). */
    private final String serviceCredential;

    public TokenServiceClient(WriterProperties properties, SecretStore secrets, Clock clock) {
        this.properties = properties;
        this.clock = clock;
        this.baseUrl = properties.tokenServiceUrl().toString().replaceAll("/+$", "");
        this.serviceCredential = secrets.read(SecretName.SERVICE_CREDENTIAL);
        this.cache = Caffeine.newBuilder()
                .maximumSize(properties.tokenCacheSize())
                .expireAfter(Expiry.creating((String key, Cached token) -> {
                    Duration left = Duration.between(clock.instant(), token.expiresAt());
                    return left.isNegative() ? Duration.ZERO : left;
                }))
                .build();
    }

    /** How many access tokens are cached now (after pending evictions ran). */
    long cachedTokens() {
        cache.cleanUp();
        return cache.estimatedSize();
    }

    /** A valid access token; {@code force} asks token-service for a fresh one (after a 401 from Google). */
    public String accessToken(String subscriberId, UUID grantId, boolean force) {
        String key = subscriberId + "/" + grantId;
        Cached cached = cache.getIfPresent(key);
        if (!force && cached != null && clock.instant().isBefore(cached.expiresAt().minus(properties.tokenRefreshMargin()))) {
            return cached.accessToken();
        }
        Cached fresh = fetch(subscriberId, grantId, force);
        cache.put(key, fresh);
        return fresh.accessToken();
    }

    private Cached fetch(String subscriberId, UUID grantId, boolean force) {
        URI uri = URI.create(baseUrl + "/internal/v1/subscribers/"
                + java.net.URLEncoder.encode(subscriberId, StandardCharsets.UTF_8) + "/access-token" + (force ? "?force=true" : ""));
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(20))
                .header("Authorization", "Bearer " + serviceCredential)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"grant_id\":\"" + grantId + "\"}"))
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new TransientGoogleException("token-service unreachable: " + e.getClass().getSimpleName(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransientGoogleException("interrupted while asking token-service", e);
        }
        int status = response.statusCode();
        if (status == 409) {
            throw new GrantRevokedException("grant " + grantId + " is revoked or superseded");
        }
        if (status == 404) {
            throw new GrantNotKnownYetException("token-service knows no grant of the subscriber yet");
        }
        if (status >= 500 || status == 429) {
            throw new TransientGoogleException("token-service answered " + status + " for grant " + grantId, null);
        }
        if (status != 200) {
            throw new IllegalStateException("token-service answered " + status + " for an access token");
        }
        try {
            JsonNode body = JSON.readTree(response.body());
            JsonNode expiresAt = body.path("expires_at");
            Instant expiry = expiresAt.isNumber()
                    ? Instant.ofEpochMilli((long) (expiresAt.asDouble() * 1000)) : Instant.parse(expiresAt.asText());
            return new Cached(body.path("access_token").asText(), expiry);
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("token-service answered an unreadable access token response", null);
        }
    }
}
