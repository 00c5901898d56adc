package dev.calsync.oauth.session;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The shape of this service's session ids: 32 random bytes, base64url without padding, so always
 * {@value #LENGTH} characters of {@code [A-Za-z0-9_-]}. Anything else in a {@code SESSION} cookie cannot be
 * one of ours, so it is answered without a database lookup and never given a rate limiter of its own.
 */
public final class SessionIds {

    public static final int LENGTH = 43;
    private static final SecureRandom RANDOM = new SecureRandom();

    private SessionIds() {
    }

    /** 32 random bytes, base64url without padding; also the shape of the OAuth state ids and binding tokens. */
    public static String newId() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Whether {@code value} could be a session id this service issued (says nothing about whether it exists). */
    public static boolean wellFormed(String value) {
        if (value == null || value.length() != LENGTH) {
            return false;
        }
        for (int i = 0; i < LENGTH; i++) {
            char c = value.charAt(i);
            if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_')) {
                return false;
            }
        }
        return true;
    }

    /**
     * What the database keeps instead of a live session id (hex SHA-256): someone who reads the table, a
     * backup or a log of its queries learns no id they could put in a cookie. 256 random bits need no salt.
     */
    public static String hash(String id) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
