package dev.calsync.feedingest.diff;

import dev.calsync.contracts.ContractJson;
import dev.calsync.contracts.event.NormalizedEvent;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * Hash of a normalized event. Volatile ICS properties (DTSTAMP, LAST-MODIFIED, CREATED, PRODID) never
 * reach {@link NormalizedEvent}, so a feed regenerated with new stamps hashes the same; the record's JSON
 * is deterministic (components in declaration order).
 */
public final class ContentHash {

    private ContentHash() {
    }

    public static String of(NormalizedEvent event) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(ContractJson.objectMapper().writeValueAsBytes(event));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest).substring(0, 32);
        } catch (NoSuchAlgorithmException | com.fasterxml.jackson.core.JsonProcessingException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
