package dev.calsync.googleemulator.oauth;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * OpenID Connect discovery and the signing keys, as Google serves them at
 * {@code accounts.google.com/.well-known/openid-configuration}, {@code www.googleapis.com/oauth2/v3/certs}
 * (JWKS) and {@code www.googleapis.com/oauth2/v1/certs} (certificates)
 * ("OpenID Connect", discovery document; GOOGLE.md §9): the fields Google lists, verbatim, with every
 * endpoint on the emulator's own base URL.
 */
@RestController
public class DiscoveryController {

    /** Google's JWKS answers carry a max-age of some hours; verifiers cache the keys that long. */
    static final Duration JWKS_MAX_AGE = Duration.ofHours(6);

    private final IssuerUrls urls;
    private final SigningKeys keys;

    public DiscoveryController(IssuerUrls urls, SigningKeys keys) {
        this.urls = urls;
        this.keys = keys;
    }

    @GetMapping(path = "/.well-known/openid-configuration", produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<Map<String, Object>> discovery(ServerHttpRequest request) {
        String base = urls.baseUrl(request);
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("issuer", urls.issuer(request));
        document.put("authorization_endpoint", base + "/o/oauth2/v2/auth");
        document.put("device_authorization_endpoint", base + "/device/code");
        document.put("token_endpoint", base + "/token");
        document.put("userinfo_endpoint", base + "/v1/userinfo");
        document.put("revocation_endpoint", base + "/revoke");
        document.put("jwks_uri", base + "/oauth2/v3/certs");
        document.put("response_types_supported",
                List.of("code", "token", "id_token", "code token", "code id_token", "token id_token", "code token id_token", "none"));
        document.put("subject_types_supported", List.of("public"));
        document.put("id_token_signing_alg_values_supported", List.of("RS256"));
        document.put("scopes_supported", List.of("openid", "email", "profile"));
        document.put("token_endpoint_auth_methods_supported", List.of("client_secret_post", "client_secret_basic"));
        document.put("claims_supported",
                List.of("aud", "email", "email_verified", "exp", "family_name", "given_name", "iat", "iss", "locale", "name", "picture", "sub"));
        document.put("code_challenge_methods_supported", List.of("plain", "S256"));
        // Google's live copy also lists the device_code and jwt-bearer grants; the emulator serves neither
        document.put("grant_types_supported", List.of("authorization_code", "refresh_token"));
        return ResponseEntity.ok().cacheControl(CacheControl.maxAge(Duration.ofHours(1)).cachePublic()).body(document);
    }

    @GetMapping(path = "/oauth2/v3/certs", produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<Map<String, Object>> jwks() {
        return ResponseEntity.ok().cacheControl(keysCacheControl()).body(keys.publicJwks());
    }

    /**
     * Google's legacy {@code www.googleapis.com/oauth2/v1/certs}: the same keys as the JWKS, as
     * {@code {"<kid>":"-----BEGIN CERTIFICATE-----\n…"}}, which Google's Java {@code GoogleIdTokenVerifier}
     * (its {@code GooglePublicKeysManager}) still reads by default. Discovery names only the JWKS, as Google's does.
     */
    @GetMapping(path = "/oauth2/v1/certs", produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<Map<String, String>> certificates() {
        return ResponseEntity.ok().cacheControl(keysCacheControl()).body(keys.certificates());
    }

    private static CacheControl keysCacheControl() {
        return CacheControl.maxAge(JWKS_MAX_AGE).cachePublic().mustRevalidate().noTransform();
    }
}
