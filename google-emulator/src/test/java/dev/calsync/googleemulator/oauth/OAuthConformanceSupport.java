package dev.calsync.googleemulator.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.api.client.auth.oauth2.AuthorizationCodeResponseUrl;
import com.google.api.client.auth.oauth2.TokenResponseException;
import com.google.api.client.googleapis.auth.oauth2.GoogleAuthorizationCodeRequestUrl;
import com.google.api.client.googleapis.auth.oauth2.GoogleAuthorizationCodeTokenRequest;
import com.google.api.client.googleapis.auth.oauth2.GoogleRefreshTokenRequest;
import com.google.api.client.googleapis.auth.oauth2.GoogleTokenResponse;
import com.google.api.client.http.GenericUrl;
import com.google.api.client.http.apache.v2.ApacheHttpTransport;
import com.google.api.client.http.javanet.NetHttpTransport;
import com.google.api.client.json.gson.GsonFactory;
import com.google.auth.oauth2.TokenVerifier;
import dev.calsync.googleemulator.EmulatorTestSupport;
import dev.calsync.secrets.GoogleOAuthClients;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.function.BodyInserters;

/**
 * What the OAuth conformance tests share: Google's own Java clients pointed at the emulator (the
 * authorization URL, token, refresh and ID-token verification), and a minimal browser that reads the
 * consent page and posts it, as a person clicking Allow or Cancel would.
 */
abstract class OAuthConformanceSupport extends EmulatorTestSupport {

    static final NetHttpTransport TRANSPORT = new NetHttpTransport();
    /**
     * For 401 answers: HttpURLConnection (under NetHttpTransport) drops the body of a 401 to a streamed
     * POST, so Google's client sees no error JSON there, against Google as against the emulator. The
     * Apache transport keeps it.
     */
    static final ApacheHttpTransport APACHE_TRANSPORT = new ApacheHttpTransport();
    static final GsonFactory JSON = GsonFactory.getDefaultInstance();
    static final List<String> CONNECT_SCOPES = List.of("openid", "email", CALENDAR_SCOPE);
    private static final SecureRandom RANDOM = new SecureRandom();

    static String url(String path) {
        return baseUrl() + path;
    }

    static String tokenUrl() {
        return url("/token");
    }

    static GoogleOAuthClients.Client androidClient() {
        return seed.firstOfType(GoogleOAuthClients.ClientType.android).orElseThrow();
    }

    static GoogleOAuthClients.Client iosClient() {
        return seed.firstOfType(GoogleOAuthClients.ClientType.ios).orElseThrow();
    }

    /** calsync's registered callback (oauth-service). */
    static String webRedirectUri() {
        return webClient().redirectUris().get(0);
    }

    // ---- the browser half ----------------------------------------------------------------------------

    /** Google's URL builder, as calsync's connect flow would use it. */
    static GoogleAuthorizationCodeRequestUrl authorizationUrl(GoogleOAuthClients.Client client, String redirectUri, List<String> scopes) {
        return new GoogleAuthorizationCodeRequestUrl(url("/o/oauth2/v2/auth"), client.clientId(), redirectUri, scopes);
    }

    /** What a browser gets for a GET, redirects not followed. */
    record Page(int status, String html, URI location) {
        boolean redirected() {
            return status == 302 && location != null;
        }
    }

    static Page get(String url) {
        EntityExchangeResult<String> result = http.get().uri(URI.create(url)).exchange().expectBody(String.class).returnResult();
        return new Page(result.getStatus().value(), result.getResponseBody(), result.getResponseHeaders().getLocation());
    }

    /** An account radio button of the chooser. */
    record AccountOption(String sub, boolean checked) {
    }

    /** The consent page as parsed from its HTML: the form's id, the account chooser, scope → words. */
    record ConsentPage(String consentId, List<AccountOption> accounts, Map<String, String> scopes, String html) {
        private static final Pattern CONSENT_ID = Pattern.compile("name=\"consent_id\" value=\"([^\"]+)\"");
        private static final Pattern ACCOUNT = Pattern.compile("<input type=\"radio\" name=\"account\" value=\"([^\"]+)\"( checked)?>");
        private static final Pattern SCOPE = Pattern.compile("<li data-scope=\"([^\"]+)\">([^<]*)</li>");

        static ConsentPage parse(String html) {
            Matcher id = CONSENT_ID.matcher(html);
            assertThat(id.find()).as("consent page has a consent_id field:\n%s", html).isTrue();
            List<AccountOption> accounts = new ArrayList<>();
            for (Matcher m = ACCOUNT.matcher(html); m.find(); ) {
                accounts.add(new AccountOption(m.group(1), m.group(2) != null));
            }
            Map<String, String> scopes = new LinkedHashMap<>();
            for (Matcher m = SCOPE.matcher(html); m.find(); ) {
                scopes.put(unescape(m.group(1)), unescape(m.group(2)));
            }
            return new ConsentPage(id.group(1), accounts, scopes, html);
        }

        private static String unescape(String html) {
            return html.replace("&#39;", "'").replace("&quot;", "\"").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
        }
    }

    static ConsentPage openConsentPage(GenericUrl authorizationUrl) {
        Page page = get(authorizationUrl.build());
        assertThat(page.status()).as("consent page status; body:\n%s", page.html()).isEqualTo(200);
        return ConsentPage.parse(page.html());
    }

    /** Posts the consent form as the browser would; the answer is a redirect to the client. */
    static Page submitConsent(String consentId, String accountSub, String action) {
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.add("consent_id", consentId);
        if (accountSub != null) {
            form.add("account", accountSub);
        }
        form.add("action", action);
        EntityExchangeResult<String> result = http.post().uri("/signin/oauth/consent")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body(BodyInserters.fromFormData(form))
                .exchange().expectBody(String.class).returnResult();
        return new Page(result.getStatus().value(), result.getResponseBody(), result.getResponseHeaders().getLocation());
    }

    /** Clicks Allow for {@code account} and parses the redirect with Google's response-URL class. */
    static AuthorizationCodeResponseUrl allow(ConsentPage page, GoogleOAuthClients.Account account) {
        return callback(submitConsent(page.consentId(), account.sub(), "allow"));
    }

    static AuthorizationCodeResponseUrl cancel(ConsentPage page) {
        return callback(submitConsent(page.consentId(), null, "cancel"));
    }

    static AuthorizationCodeResponseUrl callback(Page page) {
        assertThat(page.redirected()).as("a redirect to the client, got %s:\n%s", page.status(), page.html()).isTrue();
        return new AuthorizationCodeResponseUrl(page.location().toString());
    }

    /** The whole browser half: open the page, choose {@code account}, click Allow. */
    static AuthorizationCodeResponseUrl signIn(GoogleOAuthClients.Account account, GoogleOAuthClients.Client client,
                                               String redirectUri, List<String> scopes,
                                               Consumer<GoogleAuthorizationCodeRequestUrl> extraParameters) {
        GoogleAuthorizationCodeRequestUrl url = authorizationUrl(client, redirectUri, scopes);
        extraParameters.accept(url);
        return allow(openConsentPage(url), account);
    }

    /** RFC 7636 verifier and its S256 challenge. */
    record Pkce(String verifier, String challenge) {
        static Pkce s256() {
            byte[] random = new byte[32];
            RANDOM.nextBytes(random);
            String verifier = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            try {
                byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
                return new Pkce(verifier, Base64.getUrlEncoder().withoutPadding().encodeToString(digest));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        void addTo(GoogleAuthorizationCodeRequestUrl url) {
            url.setCodeChallenge(challenge);
            url.setCodeChallengeMethod("S256");
        }
    }

    // ---- the server half -----------------------------------------------------------------------------

    /** The code exchange with {@code client_secret_post}, as Google's Java client sends it. */
    static GoogleAuthorizationCodeTokenRequest codeExchange(GoogleOAuthClients.Client client, String code, String redirectUri) {
        return new GoogleAuthorizationCodeTokenRequest(TRANSPORT, JSON, tokenUrl(), client.clientId(), client.clientSecret(),
                code, redirectUri);
    }

    static GoogleTokenResponse exchange(GoogleOAuthClients.Client client, String code, String redirectUri, String codeVerifier) {
        GoogleAuthorizationCodeTokenRequest request = codeExchange(client, code, redirectUri);
        if (codeVerifier != null) {
            request.set("code_verifier", codeVerifier);
        }
        return execute(request);
    }

    static GoogleTokenResponse refresh(GoogleOAuthClients.Client client, String refreshToken) {
        return execute(new GoogleRefreshTokenRequest(TRANSPORT, JSON, refreshToken, client.clientId(), client.clientSecret())
                .setTokenServerUrl(new GenericUrl(tokenUrl())));
    }

    static TokenResponseException refreshFails(GoogleOAuthClients.Client client, String refreshToken) {
        return fails(() -> refresh(client, refreshToken));
    }

    interface TokenCall {
        Object run() throws IOException;
    }

    /** The {@link TokenResponseException} a call must end in: Google's client turns every error body into one. */
    static TokenResponseException fails(TokenCall call) {
        try {
            call.run();
        } catch (TokenResponseException failure) {
            return failure;
        } catch (UncheckedIOException wrapped) {
            if (wrapped.getCause() instanceof TokenResponseException failure) {
                return failure;
            }
            throw wrapped;
        } catch (IOException other) {
            throw new UncheckedIOException(other);
        }
        throw new AssertionError("expected the token endpoint to answer with an error");
    }

    static void assertTokenError(TokenResponseException failure, int status, String error, String description) {
        assertThat(failure.getStatusCode()).isEqualTo(status);
        assertThat(failure.getDetails()).as("Google's error JSON").isNotNull();
        assertThat(failure.getDetails().getError()).isEqualTo(error);
        assertThat(failure.getDetails().getErrorDescription()).isEqualTo(description);
    }

    private static <T> T execute(com.google.api.client.auth.oauth2.TokenRequest request) {
        try {
            @SuppressWarnings("unchecked")
            T response = (T) request.execute();
            return response;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Google's own verifier (google-auth-library) against the emulator's JWKS, on the emulator's clock. */
    static TokenVerifier idTokenVerifier(String audience) {
        return TokenVerifier.newBuilder()
                .setCertificatesLocation(url("/oauth2/v3/certs"))
                .setIssuer(baseUrl().toString())
                .setAudience(audience)
                .setClock(() -> google.clock().millis())
                .build();
    }

    static void advanceClock(Duration by) {
        http.post().uri("/emulator/admin/clock").bodyValue(Map.of("advance", by.toString())).exchange().expectStatus().isOk();
    }

    /** The Calendar API's answer to a bearer token (the API filter authenticates before any controller). */
    static int calendarListStatus(String accessToken) {
        return http.get().uri("/calendar/v3/users/me/calendarList").headers(headers -> headers.setBearerAuth(accessToken))
                .exchange().returnResult(String.class).getStatus().value();
    }
}
