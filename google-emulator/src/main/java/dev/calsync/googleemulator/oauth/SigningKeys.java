package dev.calsync.googleemulator.oauth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.SignedJWT;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The RSA keys ID tokens are signed with. Like Google's JWKS, two keys are published at any time: the
 * one that signs now and one more; {@link #rotate()} brings a new signing key and drops the oldest, so
 * a verifier that caches the JWKS must refetch it on an unknown {@code kid} ("OpenID Connect",
 * validating an ID token; GOOGLE.md §9). Keys are made at start and survive a state reset, as a
 * verifier's cache would. Each key also has a self-signed certificate for the legacy
 * {@code oauth2/v1/certs} document, which Google's Java {@code GoogleIdTokenVerifier} reads.
 */
@Component
public class SigningKeys {

    private static final SecureRandom RANDOM = new SecureRandom();
    /** The subject of Google's own v1 certificates. */
    private static final String CERTIFICATE_NAME = "federated-signon.system.gserviceaccount.com";
    /** Certificates are not checked for validity by ID-token verifiers; a year outlasts any emulator run. */
    private static final Duration CERTIFICATE_VALIDITY = Duration.ofDays(365);

    /** A key with its certificate in PEM. */
    private record SigningKey(RSAKey jwk, String certificatePem) {
    }

    private final Clock clock;
    /** Newest first; the first one signs. */
    private volatile List<SigningKey> keys;

    public SigningKeys(Clock clock) {
        this.clock = clock;
        this.keys = List.of(generate(), generate());
    }

    RSAKey signingKey() {
        return keys.get(0).jwk();
    }

    /** The public JWKS document: {@code {"keys":[{"kty":"RSA","alg":"RS256","use":"sig","kid":…,"n":…,"e":"AQAB"}]}}. */
    public Map<String, Object> publicJwks() {
        return new JWKSet(keys.stream().map(key -> (JWK) key.jwk().toPublicJWK()).toList()).toJSONObject(true);
    }

    /** The legacy v1 document: kid → the key's X.509 certificate in PEM, newest first. */
    Map<String, String> certificates() {
        Map<String, String> certificates = new LinkedHashMap<>();
        keys.forEach(key -> certificates.put(key.jwk().getKeyID(), key.certificatePem()));
        return certificates;
    }

    /** Whether one of the published keys (by the token's {@code kid}) made the token's RS256 signature. */
    boolean signed(SignedJWT token) {
        String kid = token.getHeader().getKeyID();
        if (!JWSAlgorithm.RS256.equals(token.getHeader().getAlgorithm()) || kid == null) {
            return false;
        }
        for (SigningKey key : keys) {
            if (kid.equals(key.jwk().getKeyID())) {
                try {
                    return token.verify(new RSASSAVerifier(key.jwk().toRSAPublicKey()));
                } catch (JOSEException e) {
                    return false;
                }
            }
        }
        return false;
    }

    /** A new signing key; the previous signing key stays published, the older one goes. */
    public synchronized void rotate() {
        keys = List.of(generate(), keys.get(0));
    }

    private SigningKey generate() {
        try {
            // Google's kids are 40 hex digits
            byte[] kid = new byte[20];
            RANDOM.nextBytes(kid);
            RSAKey key = new RSAKeyGenerator(2048).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256)
                    .keyID(HexFormat.of().formatHex(kid)).generate();
            Instant now = clock.instant();
            var certificate = SelfSignedCertificates.issue(key.toRSAPublicKey(), key.toRSAPrivateKey(), CERTIFICATE_NAME,
                    new BigInteger(1, kid), now.minus(Duration.ofDays(1)), now.plus(CERTIFICATE_VALIDITY));
            return new SigningKey(key, SelfSignedCertificates.pem(certificate));
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot generate an RSA signing key", e);
        }
    }
}
