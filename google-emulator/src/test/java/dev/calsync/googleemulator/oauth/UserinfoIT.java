package dev.calsync.googleemulator.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.api.client.auth.oauth2.AuthorizationCodeResponseUrl;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Userinfo with a bearer access token ("OpenID Connect", obtaining user profile information; GOOGLE.md §9
 * "Revoke and userinfo"; §0 for the three paths).
 */
class UserinfoIT extends OAuthConformanceSupport {

    private static String accessTokenFor(List<String> scopes) {
        AuthorizationCodeResponseUrl callback = signIn(alice(), webClient(), webRedirectUri(), scopes, url -> { });
        return exchange(webClient(), callback.getCode(), webRedirectUri(), null).getAccessToken();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/v1/userinfo", "/oauth2/v3/userinfo", "/openidconnect/v1/userinfo"})
    void returnsTheAccountsClaimsOnEveryPath(String path) {
        String accessToken = accessTokenFor(List.of("openid", "email", "profile"));
        http.get().uri(path).headers(headers -> headers.setBearerAuth(accessToken)).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.sub").isEqualTo(alice().sub())
                .jsonPath("$.email").isEqualTo(alice().email())
                .jsonPath("$.email_verified").isEqualTo(true)
                .jsonPath("$.name").isEqualTo(alice().name())
                .jsonPath("$.given_name").isEqualTo(alice().name().split(" ")[0])
                .jsonPath("$.family_name").isEqualTo(alice().name().split(" ", 2)[1])
                .jsonPath("$.picture").value(picture -> assertThat((String) picture)
                        .startsWith(baseUrl() + "/a/"));
    }

    // the picture URL serves an image
    @Test
    void thePictureUrlServesAnImage() {
        String accessToken = accessTokenFor(List.of("openid", "profile"));
        String picture = (String) http.get().uri("/v1/userinfo").headers(headers -> headers.setBearerAuth(accessToken)).exchange()
                .expectBody(Map.class).returnResult().getResponseBody().get("picture");
        http.get().uri(URI.create(picture)).exchange().expectStatus().isOk()
                .expectHeader().contentType("image/svg+xml");
    }

    // email scope alone: no profile claims
    @Test
    void scopesDecideTheClaims() {
        String accessToken = accessTokenFor(List.of("email"));
        http.get().uri("/v1/userinfo").headers(headers -> headers.setBearerAuth(accessToken)).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.email").isEqualTo(alice().email())
                .jsonPath("$.name").doesNotExist()
                .jsonPath("$.picture").doesNotExist();
    }

    @Test
    void noTokenAnUnknownTokenOrACalendarOnlyTokenIsUnauthorized() {
        http.get().uri("/v1/userinfo").exchange().expectStatus().isUnauthorized()
                .expectHeader().exists("WWW-Authenticate")
                .expectBody().jsonPath("$.error").isEqualTo("invalid_request");
        http.get().uri("/v1/userinfo").headers(headers -> headers.setBearerAuth("ya29.nope")).exchange().expectStatus().isUnauthorized();
        String calendarOnly = accessTokenFor(List.of(CALENDAR_SCOPE));
        http.get().uri("/v1/userinfo").headers(headers -> headers.setBearerAuth(calendarOnly)).exchange().expectStatus().isUnauthorized();
    }
}
