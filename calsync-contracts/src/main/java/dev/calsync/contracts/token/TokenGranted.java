package dev.calsync.contracts.token;

import static dev.calsync.contracts.internal.Checks.required;
import static dev.calsync.contracts.internal.Checks.requiredText;
import static dev.calsync.contracts.internal.Checks.textListOf;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.calsync.contracts.CalsyncEvent;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A person connected their Google account: oauth-service hands the grant to token-service.
 *
 * <p>Every field is required.
 *
 * @param grantId identifies this grant; a later {@link TokenRevoked} names it, and anything about an
 *     older grant than the stored one is ignored
 * @param googleSubject Google's stable account id (the ID token's {@code sub})
 * @param scopes the scopes Google granted, never empty
 * @param oauthClientId the OAuth client the grant belongs to; a refresh must use the same client
 * @param encryptedRefreshToken base64 of a Tink hybrid ciphertext for token-service's public key.
 *     Never plaintext: Kafka keeps this topic forever.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TokenGranted(
        String subscriberId,
        UUID grantId,
        Instant grantedAt,
        String googleSubject,
        String email,
        List<String> scopes,
        String oauthClientId,
        String encryptedRefreshToken) implements CalsyncEvent {

    public TokenGranted {
        requiredText(subscriberId, "TokenGranted.subscriberId");
        required(grantId, "TokenGranted.grantId");
        required(grantedAt, "TokenGranted.grantedAt");
        requiredText(googleSubject, "TokenGranted.googleSubject");
        requiredText(email, "TokenGranted.email");
        scopes = textListOf(scopes, "TokenGranted.scopes");
        if (scopes.isEmpty()) {
            throw new IllegalArgumentException("TokenGranted.scopes must not be empty");
        }
        requiredText(oauthClientId, "TokenGranted.oauthClientId");
        requiredText(encryptedRefreshToken, "TokenGranted.encryptedRefreshToken");
    }

    /** Leaves the ciphertext out, so that logging a record never spreads it further. */
    @Override
    public String toString() {
        return "TokenGranted[subscriberId=" + subscriberId + ", grantId=" + grantId + ", grantedAt=" + grantedAt
                + ", googleSubject=" + googleSubject + ", email=" + email + ", scopes=" + scopes
                + ", oauthClientId=" + oauthClientId + ", encryptedRefreshToken=<redacted>]";
    }
}
