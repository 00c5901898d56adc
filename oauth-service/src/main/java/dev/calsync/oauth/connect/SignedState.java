package dev.calsync.oauth.connect;

import com.google.crypto.tink.Mac;
import dev.calsync.oauth.session.SessionIds;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * The OAuth {@code state}: {@code <id>.<expiry epoch seconds>.<MAC>}, signed with the state signing keyset
 * (Tink MAC). The id names the pending sign-in (single use); the expiry bounds it to
 * {@link OAuthProperties#stateLifetime()}.
 */
public final class SignedState {

    /** Why a state was refused; the error page explains each. */
    public enum Problem { INVALID, EXPIRED }

    public record Verified(String id, Instant expiresAt) {
    }

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private final Mac mac;
    private final Clock clock;
    private final Duration lifetime;

    public SignedState(Mac mac, Clock clock, Duration lifetime) {
        this.mac = mac;
        this.clock = clock;
        this.lifetime = lifetime;
    }

    /** 32 random bytes, base64url without padding: the same shape as a session id. */
    public static String randomToken() {
        return SessionIds.newId();
    }

    public String issue() {
        String id = randomToken();
        long expiry = clock.instant().plus(lifetime).getEpochSecond();
        String signed = id + "." + expiry;
        return signed + "." + B64.encodeToString(sign(signed));
    }

    /** @return the verified state, or the problem with it */
    public Result verify(String state) {
        if (state == null || state.length() > 512) {
            return Result.problem(Problem.INVALID);
        }
        int last = state.lastIndexOf('.');
        int first = state.indexOf('.');
        if (first <= 0 || last <= first) {
            return Result.problem(Problem.INVALID);
        }
        String signed = state.substring(0, last);
        try {
            mac.verifyMac(Base64.getUrlDecoder().decode(state.substring(last + 1)), signed.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException | IllegalArgumentException tampered) {
            return Result.problem(Problem.INVALID);
        }
        long expiry;
        try {
            expiry = Long.parseLong(state.substring(first + 1, last));
        } catch (NumberFormatException e) {
            return Result.problem(Problem.INVALID);
        }
        Instant expiresAt = Instant.ofEpochSecond(expiry);
        if (!clock.instant().isBefore(expiresAt)) {
            return Result.problem(Problem.EXPIRED);
        }
        return new Result(Optional.of(new Verified(state.substring(0, first), expiresAt)), null);
    }

    public record Result(Optional<Verified> verified, Problem problem) {
        static Result problem(Problem problem) {
            return new Result(Optional.empty(), problem);
        }
    }

    private byte[] sign(String data) {
        try {
            return mac.computeMac(data.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign state", e);
        }
    }
}
