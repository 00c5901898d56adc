package dev.calsync.googleemulator.oauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.api.client.auth.oauth2.AuthorizationCodeResponseUrl;
import com.google.api.client.googleapis.auth.oauth2.GoogleIdToken;
import com.google.api.client.googleapis.auth.oauth2.GoogleIdTokenVerifier;
import com.google.api.client.googleapis.auth.oauth2.GooglePublicKeysManager;
import com.google.api.client.googleapis.auth.oauth2.GoogleTokenResponse;
import com.google.api.client.json.webtoken.JsonWebSignature;
import com.google.auth.oauth2.TokenVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.core.ParameterizedTypeReference;

/**
 * Discovery, JWKS and ID tokens, checked the way a relying party checks them: Google's own
 * {@link TokenVerifier} (signature against the JWKS, iss, aud, exp) plus the claims of "OpenID Connect"
 * (developers.google.com/identity/openid-connect/openid-connect: discovery document, validating an ID
 * token, an ID token's payload) and GOOGLE.md §9 "Discovery" and "JWKS and id_token".
 */
class DiscoveryAndIdTokenIT extends OAuthConformanceSupport {

    // GOOGLE.md §9 Discovery: issuer and endpoints on the emulator's base URL, the rest verbatim
    @Test
    void discoveryDocumentNamesTheEmulatorAsIssuerAndListsGooglesFieldsVerbatim() {
        String base = baseUrl().toString();
        http.get().uri("/.well-known/openid-configuration").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.issuer").isEqualTo(base)
                .jsonPath("$.authorization_endpoint").isEqualTo(base + "/o/oauth2/v2/auth")
                .jsonPath("$.device_authorization_endpoint").isEqualTo(base + "/device/code")
                .jsonPath("$.token_endpoint").isEqualTo(base + "/token")
                .jsonPath("$.userinfo_endpoint").isEqualTo(base + "/v1/userinfo")
                .jsonPath("$.revocation_endpoint").isEqualTo(base + "/revoke")
                .jsonPath("$.jwks_uri").isEqualTo(base + "/oauth2/v3/certs")
                .jsonPath("$.response_types_supported").isEqualTo(List.of("code", "token", "id_token", "code token",
                        "code id_token", "token id_token", "code token id_token", "none"))
                .jsonPath("$.subject_types_supported").isEqualTo(List.of("public"))
                .jsonPath("$.id_token_signing_alg_values_supported").isEqualTo(List.of("RS256"))
                .jsonPath("$.scopes_supported").isEqualTo(List.of("openid", "email", "profile"))
                .jsonPath("$.token_endpoint_auth_methods_supported").isEqualTo(List.of("client_secret_post", "client_secret_basic"))
                .jsonPath("$.claims_supported").isEqualTo(List.of("aud", "email", "email_verified", "exp", "family_name",
                        "given_name", "iat", "iss", "locale", "name", "picture", "sub"))
                .jsonPath("$.code_challenge_methods_supported").isEqualTo(List.of("plain", "S256"))
                .jsonPath("$.grant_types_supported").isEqualTo(List.of("authorization_code", "refresh_token"));
    }

    // GOOGLE.md §9 JWKS: two RSA keys with kid, alg RS256, use sig, e AQAB, cached per Cache-Control
    @Test
    void jwksPublishesTwoRsaSigningKeysWithACacheLifetime() throws Exception {
        var result = http.get().uri("/oauth2/v3/certs").exchange().expectStatus().isOk().expectBody(String.class).returnResult();
        assertThat(result.getResponseHeaders().getCacheControl()).contains("max-age=").contains("public");
        JWKSet jwks = JWKSet.parse(result.getResponseBody());
        assertThat(jwks.getKeys()).hasSize(2).allSatisfy(key -> {
            assertThat(key).isInstanceOf(RSAKey.class);
            assertThat(key.isPrivate()).as("only public halves are published").isFalse();
            assertThat(key.getKeyID()).isNotBlank();
            assertThat(key.getAlgorithm().getName()).isEqualTo("RS256");
            assertThat(key.getKeyUse().identifier()).isEqualTo("sig");
            assertThat(((RSAKey) key).getPublicExponent().toString()).isEqualTo("AQAB");
        });
        assertThat(jwks.getKeys().get(0).getKeyID()).isNotEqualTo(jwks.getKeys().get(1).getKeyID());
    }

    // "OpenID Connect", validating an ID token: signature, iss, aud, exp; nonce echoed; azp; email_verified boolean
    @Test
    void idTokenFromTheCodeExchangePassesGooglesVerifierAndCarriesGooglesClaims() throws Exception {
        Pkce pkce = Pkce.s256();
        AuthorizationCodeResponseUrl callback = signIn(alice(), webClient(), webRedirectUri(), List.of("openid", "email", "profile"),
                url -> {
                    pkce.addTo(url);
                    url.set("nonce", "n-0S6_WzA2Mj");
                });
        GoogleTokenResponse tokens = exchange(webClient(), callback.getCode(), webRedirectUri(), pkce.verifier());

        JsonWebSignature verified = idTokenVerifier(webClient().clientId()).verify(tokens.getIdToken());
        assertThat(verified.getHeader().getAlgorithm()).isEqualTo("RS256");
        assertThat(verified.getHeader().getKeyId()).isIn(jwksKeyIds());

        GoogleIdToken.Payload claims = tokens.parseIdToken().getPayload();
        assertThat(claims.getIssuer()).isEqualTo(baseUrl().toString());
        assertThat(claims.getAudienceAsList()).containsExactly(webClient().clientId());
        assertThat(claims.getAuthorizedParty()).isEqualTo(webClient().clientId());
        assertThat(claims.getSubject()).isEqualTo(alice().sub());
        assertThat(claims.getNonce()).isEqualTo("n-0S6_WzA2Mj");
        assertThat(claims.getEmail()).isEqualTo(alice().email());
        assertThat(claims.get("email_verified")).as("a JSON boolean, not the string \"true\"").isEqualTo(Boolean.TRUE);
        assertThat(claims.get("name")).isEqualTo(alice().name());
        assertThat((String) claims.get("picture")).startsWith(baseUrl() + "/a/");
        assertThat(claims.getExpirationTimeSeconds() - claims.getIssuedAtTimeSeconds()).isEqualTo(3600);
        assertThat(claims.getAccessTokenHash()).isEqualTo(IdTokens.atHash(tokens.getAccessToken()));
    }

    // the verifier must be able to fail: another audience, a forged payload, an expired token
    @Test
    void googlesVerifierRejectsAnotherAudienceAForgedPayloadAndAnExpiredToken() {
        AuthorizationCodeResponseUrl callback = signIn(alice(), webClient(), webRedirectUri(), List.of("openid", "email"), url -> { });
        String idToken = exchange(webClient(), callback.getCode(), webRedirectUri(), null).getIdToken();

        assertThatThrownBy(() -> idTokenVerifier(desktopClient().clientId()).verify(idToken))
                .isInstanceOf(TokenVerifier.VerificationException.class);

        String[] parts = idToken.split("\\.");
        String forgedPayload = new String(Base64.getUrlDecoder().decode(parts[1])).replace(alice().sub(), bob().sub());
        String forged = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(forgedPayload.getBytes()) + "." + parts[2];
        assertThatThrownBy(() -> idTokenVerifier(webClient().clientId()).verify(forged))
                .isInstanceOf(TokenVerifier.VerificationException.class);

        advanceClock(Duration.ofHours(1).plusMinutes(10));
        assertThatThrownBy(() -> idTokenVerifier(webClient().clientId()).verify(idToken))
                .isInstanceOf(TokenVerifier.VerificationException.class);
    }

    // "OpenID Connect": scopes decide the claims; openid alone gives no email or profile
    @Test
    void idTokenOfOpenidAloneHasNoEmailOrProfileClaims() throws Exception {
        AuthorizationCodeResponseUrl callback = signIn(alice(), webClient(), webRedirectUri(), List.of("openid", CALENDAR_SCOPE), url -> { });
        var claims = SignedJWT.parse(exchange(webClient(), callback.getCode(), webRedirectUri(), null).getIdToken()).getJWTClaimsSet();
        assertThat(claims.getSubject()).isEqualTo(alice().sub());
        assertThat(claims.getClaims()).doesNotContainKeys("email", "email_verified", "name", "picture", "nonce");
    }

    // GOOGLE.md §9 JWKS "Rotate them": a new key signs, the previous one stays published
    @Test
    void afterARotationNewTokensUseTheNewKeyAndTheJwksStillHoldsThePreviousOne() throws Exception {
        List<String> before = jwksKeyIds();
        http.post().uri("/emulator/admin/signing-keys/rotate").exchange().expectStatus().isOk();
        List<String> after = jwksKeyIds();
        assertThat(after).hasSize(2).contains(before.get(0)).doesNotContain(before.get(1));

        AuthorizationCodeResponseUrl callback = signIn(bob(), webClient(), webRedirectUri(), List.of("openid"), url -> { });
        String idToken = exchange(webClient(), callback.getCode(), webRedirectUri(), null).getIdToken();
        assertThat(SignedJWT.parse(idToken).getHeader().getKeyID()).isEqualTo(after.get(0)).isNotIn(before);
        idTokenVerifier(webClient().clientId()).verify(idToken);
    }

    // Google's legacy oauth2/v1/certs: the JWKS's keys as kid → self-signed X.509 certificate in PEM
    @Test
    void theV1CertsHoldACertificateForEachJwksKey() throws Exception {
        var result = http.get().uri("/oauth2/v1/certs").exchange().expectStatus().isOk()
                .expectBody(new ParameterizedTypeReference<Map<String, String>>() { }).returnResult();
        assertThat(result.getResponseHeaders().getCacheControl()).contains("max-age=").contains("public");
        Map<String, String> certificates = result.getResponseBody();
        JWKSet jwks = JWKSet.parse(http.get().uri("/oauth2/v3/certs").exchange().expectBody(String.class).returnResult().getResponseBody());
        assertThat(certificates.keySet()).containsExactlyElementsOf(jwksKeyIds());
        CertificateFactory x509 = CertificateFactory.getInstance("X.509");
        for (var entry : certificates.entrySet()) {
            assertThat(entry.getValue()).startsWith("-----BEGIN CERTIFICATE-----\n").endsWith("-----END CERTIFICATE-----\n");
            X509Certificate certificate = (X509Certificate) x509.generateCertificate(
                    new ByteArrayInputStream(entry.getValue().getBytes(StandardCharsets.US_ASCII)));
            RSAPublicKey jwk = ((RSAKey) jwks.getKeyByKeyId(entry.getKey())).toRSAPublicKey();
            assertThat(certificate.getPublicKey()).as("the certificate carries the JWKS key %s", entry.getKey()).isEqualTo(jwk);
            certificate.verify(jwk);
            certificate.checkValidity();
            assertThat(certificate.getSubjectX500Principal()).isEqualTo(certificate.getIssuerX500Principal());
        }
    }

    // Google's Java GoogleIdTokenVerifier reads oauth2/v1/certs and checks the token on the wall clock
    @Test
    void googlesIdTokenVerifierAcceptsATokenThroughTheV1Certs() throws Exception {
        AuthorizationCodeResponseUrl callback = signIn(alice(), webClient(), webRedirectUri(), List.of("openid", "email"), url -> { });
        String idToken = exchange(webClient(), callback.getCode(), webRedirectUri(), null).getIdToken();
        GoogleIdToken verified = wallClockVerifier().verify(idToken);
        assertThat(verified).as("GoogleIdTokenVerifier accepts it").isNotNull();
        assertThat(verified.getPayload().getSubject()).isEqualTo(alice().sub());
        int inSignature = idToken.length() - 10;
        String broken = idToken.substring(0, inSignature) + (idToken.charAt(inSignature) == 'A' ? 'B' : 'A') + idToken.substring(inSignature + 1);
        assertThat(wallClockVerifier().verify(broken)).as("a broken signature").isNull();
    }

    // issue 17 point 8: after an advance, a fresh ID token is valid for a verifier on the wall clock (iat not in
    // its future) and for one on the emulator's clock, and it still expires on the emulator's timeline
    @Test
    void afterAClockAdvanceAFreshIdTokenPassesAWallClockVerifierAndStillExpiresOnTheEmulatorsClock() throws Exception {
        advanceClock(Duration.ofHours(2));
        AuthorizationCodeResponseUrl callback = signIn(bob(), webClient(), webRedirectUri(), List.of("openid", "email"), url -> { });
        GoogleTokenResponse tokens = exchange(webClient(), callback.getCode(), webRedirectUri(), null);
        String idToken = tokens.getIdToken();

        assertThat(wallClockVerifier().verify(idToken)).as("GoogleIdTokenVerifier on the wall clock").isNotNull();
        idTokenVerifier(webClient().clientId()).verify(idToken);
        GoogleIdToken.Payload claims = tokens.parseIdToken().getPayload();
        assertThat(Instant.ofEpochSecond(claims.getIssuedAtTimeSeconds())).as("iat").isBeforeOrEqualTo(Instant.now());
        assertThat(Instant.ofEpochSecond(claims.getExpirationTimeSeconds()))
                .isAfter(google.clock().instant().plus(Duration.ofMinutes(59)));
        assertThat(tokens.getExpiresInSeconds()).as("the access token's expires_in stays the lifetime").isEqualTo(3599L);

        advanceClock(Duration.ofHours(1).plusMinutes(1));
        assertThatThrownBy(() -> idTokenVerifier(webClient().clientId()).verify(idToken))
                .as("expired on the emulator's clock").isInstanceOf(TokenVerifier.VerificationException.class);
    }

    /** Google's GoogleIdTokenVerifier with its default clock, the wall clock, reading the emulator's v1 certs. */
    private static GoogleIdTokenVerifier wallClockVerifier() {
        return new GoogleIdTokenVerifier.Builder(new GooglePublicKeysManager.Builder(TRANSPORT, JSON)
                .setPublicCertsEncodedUrl(url("/oauth2/v1/certs")).build())
                .setIssuer(baseUrl().toString())
                .setAudience(List.of(webClient().clientId()))
                .build();
    }

    private static List<String> jwksKeyIds() throws Exception {
        String body = http.get().uri("/oauth2/v3/certs").exchange().expectBody(String.class).returnResult().getResponseBody();
        return JWKSet.parse(body).getKeys().stream().map(key -> key.getKeyID()).toList();
    }
}
