package dev.calsync.googleemulator.oauth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The RSA keys ID tokens are signed with. Like Google's JWKS, two keys are published at any time: the
 * one that signs now and one more; {@link #rotate()} brings a new signing key and drops the oldest, so
 * a verifier that caches the JWKS must refetch it on an unknown {@code kid} ("OpenID Connect",
 * validating an ID token; GOOGLE.md §9). Keys are made at start and survive a state reset, as a
 * verifier's cache would.
 */
@Component
public class SigningKeys {

    private static final SecureRandom RANDOM = new SecureRandom();

    /** Newest first; the first one signs. */
    private volatile List<RSAKey> keys;

    public SigningKeys() {
        this.keys = List.of(generate(), generate());
    }

    RSAKey signingKey() {
        return keys.get(0);
    }

    /** The public JWKS document: {@code {"keys":[{"kty":"RSA","alg":"RS256","use":"sig","kid":…,"n":…,"e":"AQAB"}]}}. */
    public Map<String, Object> publicJwks() {
        return new JWKSet(keys.stream().map(key -> (JWK) key.toPublicJWK()).toList()).toJSONObject(true);
    }

    /** A new signing key; the previous signing key stays published, the older one goes. */
    public synchronized void rotate() {
        keys = List.of(generate(), keys.get(0));
    }

    private static RSAKey generate() {
        try {
            // Google's kids are 40 hex digits
            byte[] kid = new byte[20];
            RANDOM.nextBytes(kid);
            return new RSAKeyGenerator(2048).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256)
                    .keyID(HexFormat.of().formatHex(kid)).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot generate an RSA signing key", e);
        }
    }
}
