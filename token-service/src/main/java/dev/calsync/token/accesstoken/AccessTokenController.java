package dev.calsync.token.accesstoken;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.calsync.token.web.ApiException;
import java.time.Instant;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * {@code POST /internal/v1/subscribers/{id}/access-token} with {@code {"grant_id": "<the grant the change was
 * made under>"}}, optionally {@code ?force=true} after Google answered 401. 200: the token; 409: that grant is
 * revoked or replaced (skip the change); 503 + {@code Retry-After}: the grant is not known yet, or Google is
 * unavailable (try again); 404: unknown subscriber; 401: no or a wrong service credential.
 */
@RestController
public class AccessTokenController {

    private final AccessTokenBroker broker;

    public AccessTokenController(AccessTokenBroker broker) {
        this.broker = broker;
    }

    public record AccessTokenRequest(@JsonProperty("grant_id") UUID grantId) {
    }

    /** {@code toString} leaves the token out, should anything ever log the answer. */
    public record AccessTokenResponse(@JsonProperty("access_token") String accessToken,
                                      @JsonProperty("expires_at") Instant expiresAt,
                                      @JsonProperty("grant_id") UUID grantId) {
        @Override
        public String toString() {
            return "AccessTokenResponse[grantId=" + grantId + ", expiresAt=" + expiresAt + "]";
        }
    }

    @PostMapping("/internal/v1/subscribers/{subscriberId}/access-token")
    public Mono<AccessTokenResponse> accessToken(@PathVariable String subscriberId,
                                                 @RequestParam(defaultValue = "false") boolean force,
                                                 @RequestBody(required = false) AccessTokenRequest request) {
        if (request == null || request.grantId() == null) {
            return Mono.error(new ApiException(HttpStatus.BAD_REQUEST, "bad_request", "expected a JSON body {\"grant_id\": \"<uuid>\"}"));
        }
        return broker.accessToken(subscriberId, request.grantId(), force)
                .map(token -> new AccessTokenResponse(token.accessToken(), token.expiresAt(), token.grantId()));
    }
}
