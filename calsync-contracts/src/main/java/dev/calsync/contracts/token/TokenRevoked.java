package dev.calsync.contracts.token;

import static com.fasterxml.jackson.annotation.JsonFormat.Feature.READ_UNKNOWN_ENUM_VALUES_USING_DEFAULT_VALUE;
import static dev.calsync.contracts.internal.Checks.required;
import static dev.calsync.contracts.internal.Checks.requiredText;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.calsync.contracts.CalsyncEvent;
import java.time.Instant;
import java.util.UUID;

/**
 * token-service revoked a grant at Google (or Google told it the grant is gone). Every field is
 * required.
 *
 * @param grantId the grant this revokes; a consumer that already stores a newer grant ignores it
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TokenRevoked(
        String subscriberId,
        UUID grantId,
        // on the component, not the enum, because Jackson only honours it there; it makes any ObjectMapper
        // read a value a newer producer added as UNKNOWN, not only ContractJson's
        @JsonFormat(with = READ_UNKNOWN_ENUM_VALUES_USING_DEFAULT_VALUE) RevocationReason reason,
        Instant revokedAt) implements CalsyncEvent {

    public TokenRevoked {
        requiredText(subscriberId, "TokenRevoked.subscriberId");
        required(grantId, "TokenRevoked.grantId");
        required(reason, "TokenRevoked.reason");
        required(revokedAt, "TokenRevoked.revokedAt");
    }
}
