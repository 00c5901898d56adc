package dev.calsync.googleemulator.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.api.client.googleapis.json.GoogleJsonResponseException;
import dev.calsync.googleemulator.EmulatorTestSupport;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * How the Calendar API refuses a caller, as Google does: no credential at all is 401 {@code required} "Login
 * Required." with a bare Bearer challenge; a token Google does not know is 401 {@code authError} with
 * {@code error="invalid_token"}; a token without a Calendar scope is 403 {@code insufficientPermissions} with an
 * {@code insufficient_scope} challenge naming the scopes that would do (RFC 6750 §3.1).
 */
class AuthorizationErrorsConformanceIT extends EmulatorTestSupport {

    private static final String REALM = "Bearer realm=\"https://accounts.google.com/\"";

    @Test
    void aCallWithoutAnyCredentialIsLoginRequired() {
        http.get().uri("/calendar/v3/users/me/calendarList").exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().valueEquals("WWW-Authenticate", REALM)
                .expectBody()
                .jsonPath("$.error.code").isEqualTo(401)
                .jsonPath("$.error.message").isEqualTo("Login Required.")
                .jsonPath("$.error.errors[0].domain").isEqualTo("global")
                .jsonPath("$.error.errors[0].reason").isEqualTo("required")
                .jsonPath("$.error.errors[0].message").isEqualTo("Login Required.")
                .jsonPath("$.error.errors[0].locationType").isEqualTo("header")
                .jsonPath("$.error.errors[0].location").isEqualTo("Authorization");
    }

    @Test
    void aTokenGoogleDoesNotKnowIsAnAuthErrorWithAnInvalidTokenChallenge() {
        assertThatThrownBy(() -> calendarClient("ya29.not-a-token").calendarList().list().execute())
                .isInstanceOfSatisfying(GoogleJsonResponseException.class, refused -> {
                    assertThat(refused.getStatusCode()).isEqualTo(401);
                    assertThat(refused.getDetails().getErrors().get(0).getReason()).isEqualTo("authError");
                    assertThat(refused.getDetails().getMessage()).isEqualTo("Invalid Credentials");
                    assertThat(refused.getHeaders().getAuthenticate()).isEqualTo(REALM + ", error=\"invalid_token\"");
                });
    }

    @Test
    void aTokenWithoutACalendarScopeIsForbiddenWithAnInsufficientScopeChallenge() {
        String signInOnly = (String) grant(alice(), List.of("openid", "email")).get("access_token");

        assertThatThrownBy(() -> calendarClient(signInOnly).calendarList().list().execute())
                .isInstanceOfSatisfying(GoogleJsonResponseException.class, refused -> {
                    assertThat(refused.getStatusCode()).isEqualTo(403);
                    assertThat(refused.getDetails().getErrors().get(0).getReason()).isEqualTo("insufficientPermissions");
                    assertThat(refused.getHeaders().getAuthenticate())
                            .startsWith(REALM + ", error=\"insufficient_scope\", scope=\"")
                            .contains("https://www.googleapis.com/auth/calendar ")
                            .contains(CALENDAR_SCOPE);
                });
    }
}
