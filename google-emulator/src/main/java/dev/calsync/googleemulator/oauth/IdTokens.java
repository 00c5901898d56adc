package dev.calsync.googleemulator.oauth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.calsync.clock.AdjustableClock;
import dev.calsync.googleemulator.state.IssuedSecrets;
import dev.calsync.secrets.GoogleOAuthClients;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Base64;
import java.util.Date;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Signs ID tokens as Google does: RS256 with a {@code kid} from the JWKS, one hour of life, and the
 * claims of "OpenID Connect" (developers.google.com/identity/openid-connect/openid-connect, "An ID
 * token's payload"): always iss, aud, sub, iat, exp; azp; at_hash next to an access token; nonce when
 * the authorization request had one; email and email_verified (a boolean) with the email scope; name,
 * picture, given_name and family_name with the profile scope.
 *
 * <p>Two clocks meet in an ID token once a test has moved the emulator's clock forward. A relying party
 * checks {@code iat} and {@code exp} against its own clock: Google's verifiers, Spring Security's and
 * openid-client refuse an {@code iat} in their future, and most of them run on the wall clock. So
 * {@code iat} is the earlier of the wall clock and the emulator's clock (never in anyone's future), while
 * {@code exp} is an hour after the emulator's now: a token still expires on the emulator's timeline when a
 * test advances it (the point of the advance), and a fresh one is still valid for a verifier on the wall
 * clock. Without an offset both are Google's: {@code exp = iat + 3600}.
 */
@Component
public class IdTokens {

    static final Duration LIFETIME = Duration.ofHours(1);

    /**
     * What an ID token is about.
     *
     * @param audience        the client the token is for ({@code aud})
     * @param authorizedParty the client that asked for it ({@code azp}): the app client for a mobile sign-in
     * @param accessToken     the access token issued alongside, for {@code at_hash}; null if none
     * @param pictureBaseUrl  where the emulator serves avatars
     */
    public record Request(String issuer, String audience, String authorizedParty, GoogleOAuthClients.Account account,
                          Set<String> scopes, String nonce, String accessToken, String pictureBaseUrl) {
    }

    private final SigningKeys keys;
    private final AdjustableClock clock;
    private final IssuedSecrets issued;

    public IdTokens(SigningKeys keys, AdjustableClock clock, IssuedSecrets issued) {
        this.keys = keys;
        this.clock = clock;
        this.issued = issued;
    }

    public String mint(Request request) {
        // whole seconds, as in Google's tokens; the offset read after the instant, so an advance in between
        // can only make the wall-clock reading earlier, never later
        Instant emulatorNow = clock.instant();
        Instant wallNow = emulatorNow.minus(clock.offset());
        Instant issuedAt = (wallNow.isBefore(emulatorNow) ? wallNow : emulatorNow).truncatedTo(ChronoUnit.SECONDS);
        Instant expiresAt = emulatorNow.truncatedTo(ChronoUnit.SECONDS).plus(LIFETIME);
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(request.issuer())
                .claim("azp", request.authorizedParty())
                .audience(request.audience())
                .subject(request.account().sub());
        if (OAuthScopes.grantsEmail(request.scopes())) {
            claims.claim("email", request.account().email()).claim("email_verified", true);
        }
        if (request.accessToken() != null) {
            claims.claim("at_hash", atHash(request.accessToken()));
        }
        if (request.nonce() != null) {
            claims.claim("nonce", request.nonce());
        }
        if (OAuthScopes.grantsProfile(request.scopes())) {
            PersonName name = PersonName.of(request.account().name());
            claims.claim("name", request.account().name())
                    .claim("picture", Avatars.pictureUrl(request.pictureBaseUrl(), request.account().sub()));
            name.given().ifPresent(given -> claims.claim("given_name", given));
            name.family().ifPresent(family -> claims.claim("family_name", family));
        }
        claims.issueTime(Date.from(issuedAt)).expirationTime(Date.from(expiresAt));
        var key = keys.signingKey();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).type(JOSEObjectType.JWT).build(),
                claims.build());
        try {
            jwt.sign(new RSASSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign an ID token", e);
        }
        return issued.record(IssuedSecrets.Kind.ID_TOKEN, jwt.serialize());
    }

    /** OIDC Core 3.1.3.6: base64url of the left half of SHA-256 over the access token's ASCII bytes. */
    static String atHash(String accessToken) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(accessToken.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, digest.length / 2));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
