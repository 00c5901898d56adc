package dev.calsync.googleemulator.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.api.client.auth.oauth2.AuthorizationCodeResponseUrl;
import com.google.api.client.googleapis.auth.oauth2.GoogleTokenResponse;
import dev.calsync.googleemulator.state.IssuedSecrets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.BodyInserters;

/**
 * Error answers never echo a secret, whatever was sent (GOOGLE.md §9: descriptions are fixed strings;
 * DESIGN "No token is ever logged": the emulator must not be where one leaks). Every error below is
 * provoked with real secrets in the request, and no issued code, token or client secret may come back.
 */
class NoSecretInErrorsIT extends OAuthConformanceSupport {

    @Test
    void noErrorBodyContainsAnIssuedSecret() {
        Pkce pkce = Pkce.s256();
        AuthorizationCodeResponseUrl callback = signIn(alice(), webClient(), webRedirectUri(), CONNECT_SCOPES, url -> {
            pkce.addTo(url);
            url.setAccessType("offline");
        });
        String code = callback.getCode();
        GoogleTokenResponse tokens = exchange(webClient(), code, webRedirectUri(), pkce.verifier());

        List<String> bodies = new ArrayList<>();
        bodies.add(tokenError("grant_type", "authorization_code", "code", code, "client_id", webClient().clientId(),
                "client_secret", webClient().clientSecret(), "redirect_uri", webRedirectUri(), "code_verifier", pkce.verifier()));
        bodies.add(tokenError("grant_type", "authorization_code", "code", code, "client_id", webClient().clientId(),
                "client_secret", webClient().clientSecret() + "x", "redirect_uri", webRedirectUri()));
        bodies.add(tokenError("grant_type", "refresh_token", "refresh_token", tokens.getRefreshToken(), "client_id",
                desktopClient().clientId(), "client_secret", desktopClient().clientSecret()));
        bodies.add(tokenError("grant_type", tokens.getRefreshToken(), "client_id", webClient().clientId()));
        bodies.add(tokenError("grant_type", "authorization_code", "code", tokens.getAccessToken(), "client_id",
                tokens.getIdToken(), "client_secret", webClient().clientSecret()));
        bodies.add(http.post().uri("/revoke").contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body(BodyInserters.fromFormData("token", tokens.getIdToken())).exchange()
                .expectStatus().isBadRequest().expectBody(String.class).returnResult().getResponseBody());
        bodies.add(get(authorizationUrl(webClient(), webRedirectUri(), CONNECT_SCOPES).set("client_secret", webClient().clientSecret())
                .set("prompt", "bogus").build()).html());

        List<String> secrets = google.bean(IssuedSecrets.class).all().stream().map(IssuedSecrets.Issued::value).toList();
        assertThat(secrets).contains(webClient().clientSecret(), code, tokens.getAccessToken(), tokens.getRefreshToken());
        assertThat(bodies).hasSize(7).allSatisfy(body -> {
            assertThat(body).isNotBlank();
            for (String secret : secrets) {
                assertThat(body).doesNotContain(secret);
            }
        });
    }

    private static String tokenError(String... keysAndValues) {
        BodyInserters.FormInserter<String> form = BodyInserters.fromFormData(keysAndValues[0], keysAndValues[1]);
        for (int i = 2; i < keysAndValues.length; i += 2) {
            form = form.with(keysAndValues[i], keysAndValues[i + 1]);
        }
        var result = http.post().uri("/token").contentType(MediaType.APPLICATION_FORM_URLENCODED).body(form).exchange()
                .expectBody(String.class).returnResult();
        assertThat(result.getStatus().is4xxClientError()).as("an error: %s", result.getResponseBody()).isTrue();
        return result.getResponseBody();
    }
}
