package dev.calsync.token.revocation;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.calsync.contracts.token.RevocationReason;
import java.time.Instant;
import java.util.UUID;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * {@code POST /internal/v1/subscribers/{id}/revoke}: oauth-service calls it synchronously when a person
 * disconnects, and shows "disconnected" only after a 200. 503 (with {@code Retry-After}) means Google could
 * not be reached and the grant is kept; 404 means the subscriber has no grant.
 */
@RestController
public class RevocationController {

    private final GrantRevocations revocations;

    public RevocationController(GrantRevocations revocations) {
        this.revocations = revocations;
    }

    /** The answer: which grant ended, why and when. */
    public record RevocationResponse(@JsonProperty("grant_id") UUID grantId, RevocationReason reason,
                                     @JsonProperty("revoked_at") Instant revokedAt) {
    }

    @PostMapping("/internal/v1/subscribers/{subscriberId}/revoke")
    public Mono<RevocationResponse> revoke(@PathVariable String subscriberId) {
        return revocations.disconnect(subscriberId)
                .map(revoked -> new RevocationResponse(revoked.grantId(), revoked.reason(), revoked.revokedAt()));
    }
}
