package dev.calsync.googleemulator.oauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.api.client.auth.oauth2.AuthorizationCodeResponseUrl;
import com.google.api.client.googleapis.auth.oauth2.GoogleIdToken;
import com.google.api.client.googleapis.auth.oauth2.GoogleTokenResponse;
import com.google.api.client.json.webtoken.JsonWebSignature;
import com.google.auth.oauth2.TokenVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

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

    private static List<String> jwksKeyIds() throws Exception {
        String body = http.get().uri("/oauth2/v3/certs").exchange().expectBody(String.class).returnResult().getResponseBody();
        return JWKSet.parse(body).getKeys().stream().map(key -> key.getKeyID()).toList();
    }
}
