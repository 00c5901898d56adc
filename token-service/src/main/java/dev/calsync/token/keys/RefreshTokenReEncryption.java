package dev.calsync.token.keys;

import dev.calsync.token.grant.GrantRepository;
import dev.calsync.token.grant.StoredGrant;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * The second half of an AEAD key rotation: once a new key is primary in {@code TOKEN_AEAD_KEYSET} (old keys
 * still in it), every live row still under an older key is decrypted and encrypted again under the new one.
 * Afterwards the old keys can be removed from the keyset. Safe to run again and alongside the service: a
 * row whose grant changed meanwhile is left to the newer grant.
 */
@Service
public class RefreshTokenReEncryption {

    private static final Logger log = LoggerFactory.getLogger(RefreshTokenReEncryption.class);

    private final GrantRepository grants;
    private final RefreshTokenCipher cipher;
    private final Clock clock;

    public RefreshTokenReEncryption(GrantRepository grants, RefreshTokenCipher cipher, Clock clock) {
        this.grants = grants;
        this.cipher = cipher;
        this.clock = clock;
    }

    /** @return how many rows were re-encrypted */
    public long reEncryptAll() {
        long primary = cipher.primaryKeyId();
        Long count = grants.liveGrantsNotUnderKey(primary)
                .concatMap(grant -> grants.replaceCiphertext(grant, reEncrypted(grant), clock.instant()))
                .filter(Boolean::booleanValue)
                .count()
                .block(Duration.ofMinutes(30));
        log.info("re-encrypted {} refresh tokens under AEAD key {}", count, primary);
        return count == null ? 0 : count;
    }

    private RefreshTokenCipher.Sealed reEncrypted(StoredGrant grant) {
        return cipher.encrypt(grant.subscriberId(), cipher.decrypt(grant.subscriberId(), grant.encryptedRefreshToken()));
    }
}
