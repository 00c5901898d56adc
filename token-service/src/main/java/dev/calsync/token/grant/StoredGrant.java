package dev.calsync.token.grant;

import dev.calsync.contracts.token.RevocationReason;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A subscriber's latest grant as {@code google_oauth_token} holds it.
 *
 * @param encryptedRefreshToken AEAD ciphertext (associated data = subscriber id); null once revoked
 * @param keyId the AEAD key that made the ciphertext; null once revoked
 */
public record StoredGrant(String subscriberId, UUID grantId, Instant grantedAt, String oauthClientId,
                          byte[] encryptedRefreshToken, Long keyId, List<String> scopes, Instant revokedAt,
                          RevocationReason revocationReason) {

    public boolean revoked() {
        return revokedAt != null;
    }

    /** Later {@code grantedAt} wins; the grant id breaks a tie so that every instance decides alike. */
    public boolean isOlderThan(Instant otherGrantedAt, UUID otherGrantId) {
        int byTime = grantedAt.compareTo(otherGrantedAt);
        return byTime < 0 || byTime == 0 && grantId.compareTo(otherGrantId) < 0;
    }

    /** Leaves the ciphertext out of logs and assertion messages. */
    @Override
    public String toString() {
        return "StoredGrant[subscriberId=" + subscriberId + ", grantId=" + grantId + ", grantedAt=" + grantedAt
                + ", oauthClientId=" + oauthClientId + ", keyId=" + keyId + ", scopes=" + scopes
                + ", revokedAt=" + revokedAt + ", revocationReason=" + revocationReason + "]";
    }
}
