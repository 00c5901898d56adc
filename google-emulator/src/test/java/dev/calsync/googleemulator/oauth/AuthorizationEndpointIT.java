package dev.calsync.googleemulator.oauth;

import static dev.calsync.googleemulator.state.IssuedSecrets.Kind.AUTHORIZATION_CODE;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.api.client.auth.oauth2.AuthorizationCodeResponseUrl;
import com.google.api.client.googleapis.auth.oauth2.GoogleAuthorizationCodeRequestUrl;
import com.google.api.services.calendar.CalendarScopes;
import dev.calsync.googleemulator.state.IssuedSecrets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The browser half: what the authorization endpoint shows and where it sends the browser
 * ("Using OAuth 2.0 for Web Server Applications", step 2 parameters and step 4 "Handle the OAuth 2.0
 * server response"; GOOGLE.md §9 "Authorization endpoint": errors that stay on Google's page).
 */
class AuthorizationEndpointIT extends OAuthConformanceSupport {

    // GOOGLE.md §9: the consent screen is a real page: account chooser, scopes in words, Allow and Cancel
    @Test
    void consentPageOffersEverySeededAccountAndDescribesTheScopes() {
        GoogleAuthorizationCodeRequestUrl url = authorizationUrl(webClient(), webRedirectUri(), CONNECT_SCOPES);
        ConsentPage page = openConsentPage(url);
        assertThat(page.accounts()).extracting(AccountOption::sub).containsExactly(alice().sub(), bob().sub());
        assertThat(page.accounts()).filteredOn(AccountOption::checked).hasSize(1);
        assertThat(page.scopes()).containsOnlyKeys(CONNECT_SCOPES);
        assertThat(page.scopes().get(CALENDAR_SCOPE)).contains("Google Calendars that this app created");
        assertThat(page.scopes().get("email")).contains("email address");
        assertThat(page.html()).contains("value=\"allow\"").contains("value=\"cancel\"").contains(alice().email());
        assertThat(page.html()).as("nothing but the random form id is trusted from the browser")
                .doesNotContain("name=\"redirect_uri\"").doesNotContain("name=\"scope\"");
    }

    // GOOGLE.md §9: login_hint (email or sub) preselects the account
    @Test
    void loginHintPreselectsTheAccount() {
        ConsentPage byEmail = openConsentPage(authorizationUrl(webClient(), webRedirectUri(), CONNECT_SCOPES).set("login_hint", bob().email()));
        assertThat(byEmail.accounts()).filteredOn(AccountOption::checked).extracting(AccountOption::sub).containsExactly(bob().sub());
        ConsentPage bySub = openConsentPage(authorizationUrl(webClient(), webRedirectUri(), CONNECT_SCOPES).set("login_hint", bob().sub()));
        assertThat(bySub.accounts()).filteredOn(AccountOption::checked).extracting(AccountOption::sub).containsExactly(bob().sub());
    }

    // "Web Server Applications" step 4: a denial redirects with error=access_denied and the state
    @Test
    void cancelRedirectsWithAccessDeniedAndTheState() {
        ConsentPage page = openConsentPage(authorizationUrl(webClient(), webRedirectUri(), CONNECT_SCOPES).setState("s-9"));
        AuthorizationCodeResponseUrl callback = cancel(page);
        assertThat(callback.getError()).isEqualTo("access_denied");
        assertThat(callback.getState()).isEqualTo("s-9");
        assertThat(callback.getCode()).isNull();
        assertThat(callback.toURI().toString()).startsWith(webRedirectUri() + "?");
    }

    // a consent page can be answered once: its server-side request is gone afterwards
    @Test
    void aConsentPageAnswersOnlyOnce() {
        ConsentPage page = openConsentPage(authorizationUrl(webClient(), webRedirectUri(), CONNECT_SCOPES));
        allow(page, alice());
        Page again = submitConsent(page.consentId(), alice().sub(), "allow");
        assertThat(again.status()).isEqualTo(400);
        assertThat(again.location()).isNull();
        assertThat(again.html()).contains("Error 400: invalid_request");
    }

    // GOOGLE.md §9: redirect_uri_mismatch stays on Google's page (400), never redirected
    @ParameterizedTest
    @ValueSource(strings = {"http://localhost:8081/api/google-oauth/callback/", "http://LOCALHOST:8081/api/google-oauth/callback",
            "https://evil.example/callback", "http://127.0.0.1:9999/api/google-oauth/callback"})
    void anUnregisteredRedirectUriGetsGooglesMismatchPage(String redirectUri) {
        Page page = get(authorizationUrl(webClient(), redirectUri, CONNECT_SCOPES).build());
        assertThat(page.status()).isEqualTo(400);
        assertThat(page.location()).as("never redirected").isNull();
        assertThat(page.html()).contains("Access blocked").contains("Error 400: redirect_uri_mismatch").contains(redirectUri);
    }

    // GOOGLE.md §9 "These errors stay on Google's page": an unknown client is "Error 401: invalid_client"
    @Test
    void anUnknownClientGetsGooglesInvalidClientPage() {
        Page page = get(new GoogleAuthorizationCodeRequestUrl(url("/o/oauth2/v2/auth"), "123-nope.apps.googleusercontent.com",
                webRedirectUri(), CONNECT_SCOPES).build());
        assertThat(page.status()).isEqualTo(401);
        assertThat(page.location()).isNull();
        assertThat(page.html()).contains("Access blocked: Authorization Error").contains("The OAuth client was not found.")
                .contains("Error 401: invalid_client");
    }

    // GOOGLE.md §9: missing or invalid parameters are "Error 400: invalid_request" on Google's page
    @Test
    void missingOrInvalidParametersGetTheInvalidRequestPage() {
        assertInvalidRequestPage(url("/o/oauth2/v2/auth?redirect_uri=" + webRedirectUri() + "&response_type=code&scope=openid"),
                "Missing required parameter: client_id");
        assertInvalidRequestPage(url("/o/oauth2/v2/auth?client_id=" + webClient().clientId() + "&redirect_uri=" + webRedirectUri()
                + "&response_type=code"), "Missing required parameter: scope");
        assertInvalidRequestPage(authorizationUrl(webClient(), webRedirectUri(), CONNECT_SCOPES).set("access_type", "forever").build(),
                "Invalid access_type");
        assertInvalidRequestPage(authorizationUrl(webClient(), webRedirectUri(), CONNECT_SCOPES).set("prompt", "login").build(),
                "Invalid prompt");
        assertInvalidRequestPage(authorizationUrl(webClient(), webRedirectUri(), CONNECT_SCOPES)
                .set("code_challenge", Pkce.s256().challenge()).set("code_challenge_method", "S512").build(), "code_challenge_method");
        Page missingRedirect = get(url("/o/oauth2/v2/auth?client_id=" + webClient().clientId() + "&response_type=code&scope=openid"));
        assertThat(missingRedirect.status()).isEqualTo(400);
        assertThat(missingRedirect.html()).contains("Missing required parameter: redirect_uri");
    }

    // Google: "Some requested scopes were invalid" is "Error 400: invalid_scope" on its page, an unknown API scope too
    @ParameterizedTest
    @ValueSource(strings = {"calendar-please", "https://www.googleapis.com/auth/calendar.everything",
            "https://www.googleapis.com/auth/", "https://www.googleapis.com/auth/userinfo.everything"})
    void anUnknownScopeGetsTheInvalidScopePage(String unknown) {
        Page page = get(authorizationUrl(webClient(), webRedirectUri(), List.of("openid", unknown)).setState("s-2").build());
        assertThat(page.status()).isEqualTo(400);
        assertThat(page.location()).as("never redirected").isNull();
        assertThat(page.html()).contains("Error 400: invalid_scope").contains("invalid=[" + unknown + "]").contains("valid=[openid]");
    }

    // the scopes Google's own Calendar client names (CalendarScopes) and the identity scopes in both spellings are accepted
    @Test
    void everyCalendarScopeAndEveryIdentityScopeGetsTheConsentPage() {
        List<String> scopes = new ArrayList<>(List.of("openid", "email", "profile",
                "https://www.googleapis.com/auth/userinfo.email", "https://www.googleapis.com/auth/userinfo.profile"));
        scopes.addAll(CalendarScopes.all());
        ConsentPage page = openConsentPage(authorizationUrl(webClient(), webRedirectUri(), scopes));
        assertThat(page.scopes()).containsOnlyKeys(scopes);
        assertThat(page.scopes().values()).allSatisfy(words -> assertThat(words).isNotBlank());
    }

    // the admin shortcuts cannot make a grant Google could never have given
    @Test
    void theAdminShortcutsRefuseAnUnknownScope() {
        http.post().uri("/emulator/admin/grants")
                .bodyValue(Map.of("account", alice().email(), "scopes", List.of("openid", "https://www.googleapis.com/auth/drive")))
                .exchange().expectStatus().isBadRequest();
        http.post().uri("/emulator/admin/mobile-sign-in")
                .bodyValue(Map.of("account", alice().email(), "appClientId", androidClient().clientId(), "scopes", List.of("calendar")))
                .exchange().expectStatus().isBadRequest();
    }

    // Google's "Handle errors" guide: an invalid response type gets the OAuth error page (field reports:
    // "Access blocked: Authorization Error", "Error 400: unsupported_response_type"), never a redirect; the
    // emulator serves the code flow only, so the implicit and hybrid types are answered the same way
    @ParameterizedTest
    @ValueSource(strings = {"bogus", "token", "id_token", "code id_token", "CODE"})
    void aResponseTypeOtherThanCodeGetsTheUnsupportedResponseTypePage(String responseType) {
        Page page = get(authorizationUrl(webClient(), webRedirectUri(), CONNECT_SCOPES).setResponseTypes(List.of(responseType))
                .setState("s-3").build());
        assertThat(page.status()).isEqualTo(400);
        assertThat(page.location()).as("never redirected").isNull();
        assertThat(page.html()).contains("Access blocked: Authorization Error").contains("Error 400: unsupported_response_type");
    }

    // GOOGLE.md §9 Desktop: OOB is blocked since 2023-01-31
    @Test
    void theOutOfBandRedirectIsBlocked() {
        Page page = get(authorizationUrl(desktopClient(), "urn:ietf:wg:oauth:2.0:oob", CONNECT_SCOPES).build());
        assertThat(page.status()).isEqualTo(400);
        assertThat(page.html()).contains("Error 400: invalid_request").contains("out-of-band");
    }

    // GOOGLE.md §9 Android/iOS: app clients get their codes from the SDK, not from the browser endpoint
    @Test
    void appClientsCannotUseTheBrowserEndpoint() {
        for (var app : List.of(androidClient(), iosClient())) {
            Page page = get(authorizationUrl(app, "http://127.0.0.1:5000/", CONNECT_SCOPES).build());
            assertThat(page.status()).isEqualTo(400);
            assertThat(page.location()).isNull();
            assertThat(page.html()).contains("Error 400: redirect_uri_mismatch");
        }
    }

    // GOOGLE.md §9 prompt: none fails unless the user is signed in (a browser session the emulator never has) and
    // has consented; Google answers a signed-out browser with interaction_required, subtype access_denied
    @Test
    void promptNoneWithoutEarlierConsentRedirectsWithInteractionRequired() {
        Page page = get(authorizationUrl(webClient(), webRedirectUri(), CONNECT_SCOPES).set("prompt", "none")
                .set("login_hint", alice().email()).setState("s-1").build());
        AuthorizationCodeResponseUrl callback = callback(page);
        assertThat(callback.getError()).isEqualTo("interaction_required");
        assertThat(callback.getFirst("error_subtype")).isEqualTo("access_denied");
        assertThat(callback.getState()).isEqualTo("s-1");
        assertThat(callback.getCode()).isNull();
        assertThat(callback.toURI().toString()).startsWith(webRedirectUri() + "?");
    }

    // a remembered consent is no session: prompt=none still fails, with the state and without a code
    @Test
    void promptNoneAfterConsentStillRedirectsWithAnErrorAndNoCode() {
        signIn(alice(), webClient(), webRedirectUri(), CONNECT_SCOPES, url -> { });
        for (var hint : Arrays.asList(alice().email(), null)) {
            GoogleAuthorizationCodeRequestUrl url = authorizationUrl(webClient(), webRedirectUri(), CONNECT_SCOPES).set("prompt", "none")
                    .setState("s-4");
            if (hint != null) {
                url.set("login_hint", hint);
            }
            AuthorizationCodeResponseUrl callback = callback(get(url.build()));
            assertThat(callback.getCode()).as("login_hint %s", hint).isNull();
            assertThat(callback.getError()).isEqualTo("interaction_required");
            assertThat(callback.getState()).isEqualTo("s-4");
        }
        assertThat(google.bean(IssuedSecrets.class).all())
                .as("no code was issued but the one of the sign-in").filteredOn(secret -> secret.kind() == AUTHORIZATION_CODE).hasSize(1);
    }

    // GOOGLE.md §9 prompt: "if absent, consent shows only the first time"
    @Test
    void withoutPromptAnAccountThatConsentedIsNotAskedAgain() {
        signIn(bob(), webClient(), webRedirectUri(), CONNECT_SCOPES, url -> { });
        Page page = get(authorizationUrl(webClient(), webRedirectUri(), CONNECT_SCOPES).set("login_hint", bob().email()).build());
        assertThat(callback(page).getFirst("prompt")).isEqualTo("none");
        Page wider = get(authorizationUrl(webClient(), webRedirectUri(), List.of("openid", "email", "profile", CALENDAR_SCOPE))
                .set("login_hint", bob().email()).build());
        assertThat(wider.status()).as("a new scope needs the consent screen").isEqualTo(200);
    }

    // GOOGLE.md §0: the legacy /o/oauth2/auth serves the same page
    @Test
    void theLegacyAuthorizationPathServesTheSameConsent() {
        ConsentPage page = openConsentPage(new GoogleAuthorizationCodeRequestUrl(url("/o/oauth2/auth"), webClient().clientId(),
                webRedirectUri(), CONNECT_SCOPES));
        assertThat(allow(page, alice()).getCode()).startsWith("4/0A");
    }

    // GOOGLE.md §9 include_granted_scopes: the new code covers the earlier grant too
    @Test
    void includeGrantedScopesAddsEarlierScopesToTheNewToken() {
        signIn(alice(), webClient(), webRedirectUri(), List.of("openid", CALENDAR_SCOPE), url -> { });
        AuthorizationCodeResponseUrl callback = signIn(alice(), webClient(), webRedirectUri(), List.of("email"),
                url -> url.set("include_granted_scopes", "true"));
        assertThat(((String) callback.getFirst("scope")).split(" ")).containsExactlyInAnyOrder("openid", CALENDAR_SCOPE, "email");
        assertThat(exchange(webClient(), callback.getCode(), webRedirectUri(), null).getScope().split(" "))
                .containsExactlyInAnyOrder("openid", CALENDAR_SCOPE, "email");
    }

    private static void assertInvalidRequestPage(String url, String detail) {
        Page page = get(url);
        assertThat(page.status()).as(url).isEqualTo(400);
        assertThat(page.location()).isNull();
        assertThat(page.html()).contains("Error 400: invalid_request").contains(detail);
    }
}
