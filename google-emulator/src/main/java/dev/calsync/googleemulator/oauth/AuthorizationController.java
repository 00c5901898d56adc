package dev.calsync.googleemulator.oauth;

import dev.calsync.googleemulator.config.EmulatorProperties;
import dev.calsync.googleemulator.directory.Directory;
import dev.calsync.secrets.GoogleOAuthClients;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.UriUtils;
import reactor.core.publisher.Mono;

/**
 * The authorization endpoint, {@code accounts.google.com/o/oauth2/v2/auth} (and the legacy
 * {@code /o/oauth2/auth}), and the consent form it shows ("Using OAuth 2.0 for Web Server
 * Applications", steps 2–5; GOOGLE.md §9):
 * <ul>
 *   <li>a broken request (unknown client, unregistered redirect URI, missing or invalid parameter) gets
 *       Google's error page and is never redirected;</li>
 *   <li>otherwise the account chooser and consent screen; Cancel redirects with
 *       {@code error=access_denied}, Allow with {@code state, code, scope, authuser=0, prompt};</li>
 *   <li>{@code prompt=none} answers at once with an error and never with a code: Google needs a signed-in
 *       browser session for it, and the emulator keeps none (no cookie; see {@link #promptNone});</li>
 *   <li>without {@code prompt}, an account (named by {@code login_hint}) that already granted every requested
 *       scope is not asked again.</li>
 * </ul>
 */
@RestController
public class AuthorizationController {

    private static final MediaType HTML = MediaType.parseMediaType("text/html; charset=utf-8");

    private final AuthorizationRequestParser parser;
    private final PendingConsents pending;
    private final AuthorizationCodes codes;
    private final GrantStore grants;
    private final Directory directory;
    private final EmulatorProperties properties;

    public AuthorizationController(AuthorizationRequestParser parser, PendingConsents pending, AuthorizationCodes codes,
                                   GrantStore grants, Directory directory, EmulatorProperties properties) {
        this.parser = parser;
        this.pending = pending;
        this.codes = codes;
        this.grants = grants;
        this.directory = directory;
        this.properties = properties;
    }

    @GetMapping({"/o/oauth2/v2/auth", "/o/oauth2/auth"})
    public ResponseEntity<String> authorize(@RequestParam MultiValueMap<String, String> parameters) {
        AuthorizationRequest request = parser.parse(parameters);
        Optional<GoogleOAuthClients.Account> hinted = Optional.ofNullable(request.loginHint()).flatMap(directory::account);

        if (request.prompts().contains(AuthorizationRequest.Prompt.NONE)) {
            return promptNone(request);
        }
        if (request.prompts().isEmpty() && hinted.filter(account -> alreadyConsented(account, request)).isPresent()) {
            return approve(request, hinted.get(), false);
        }
        String consentId = pending.open(request);
        List<AuthorizationPages.AccountChoice> accounts = accountChoices(hinted);
        return html(HttpStatus.OK, AuthorizationPages.consent(consentId, appName(request), accounts, request.scopes()));
    }

    /** The consent form: {@code consent_id} (which pending request), {@code account} (a sub) and {@code action}. */
    @PostMapping(path = AuthorizationPages.CONSENT_PATH, consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    public Mono<ResponseEntity<String>> consent(ServerWebExchange exchange) {
        return exchange.getFormData().map(form -> {
            AuthorizationRequest request = pending.take(form.getFirst("consent_id"))
                    .orElseThrow(() -> AuthorizationPageError.invalidRequest(
                            "This sign-in request has expired or was already answered. Start again from the app."));
            if (!"allow".equals(form.getFirst("action"))) {
                return redirect(request.redirectUri(), errorParameters("access_denied", request.state()));
            }
            String chosen = form.getFirst("account");
            GoogleOAuthClients.Account account = (chosen == null ? Optional.<GoogleOAuthClients.Account>empty() : directory.account(chosen))
                    .orElseThrow(() -> AuthorizationPageError.invalidRequest("Choose an account to continue."));
            boolean consentShown = request.forcesConsent() || !alreadyConsented(account, request);
            return approve(request, account, consentShown);
        });
    }

    @ExceptionHandler(AuthorizationPageError.class)
    public ResponseEntity<String> errorPage(AuthorizationPageError error) {
        return html(error.status(), AuthorizationPages.error(error));
    }

    /** Records the consent, issues a code and sends the browser back to the client. */
    private ResponseEntity<String> approve(AuthorizationRequest request, GoogleOAuthClients.Account account, boolean consentShown) {
        String clientId = request.client().clientId();
        GrantStore.Consent consent = grants.recordConsent(account.sub(), account.email(), clientId, new LinkedHashSet<>(request.scopes()));
        Set<String> tokenScopes = request.includeGrantedScopes() ? consent.grant().scopes() : new LinkedHashSet<>(request.scopes());
        AuthorizationCode code = codes.issue(new AuthorizationCodes.NewCode(clientId, clientId, account.sub(), tokenScopes,
                request.redirectUri(), request.codeChallenge(), request.codeChallengeMethod(), request.nonce(), request.offline(),
                consent.first(), request.forcesConsent()));
        // the order Google's redirect has been observed in (GOOGLE.md §9, redirects)
        Map<String, String> parameters = new LinkedHashMap<>();
        if (request.state() != null) {
            parameters.put("state", request.state());
        }
        parameters.put("code", code.value());
        parameters.put("scope", String.join(" ", tokenScopes));
        parameters.put("authuser", "0");
        parameters.put("prompt", consentShown ? "consent" : "none");
        return redirect(request.redirectUri(), parameters);
    }

    private boolean alreadyConsented(GoogleOAuthClients.Account account, AuthorizationRequest request) {
        return grants.grant(account.sub(), request.client().clientId())
                .filter(grant -> grant.covers(Set.copyOf(request.scopes()))).isPresent();
    }

    /**
     * {@code prompt=none} "fails unless the user is signed in and has consented" (GOOGLE.md §9). Signed in means
     * a Google session cookie in the browser; the emulator has no sessions, so every such request fails, whatever
     * the account consented to before (a remembered consent is no session). Google has been seen to answer
     * {@code error=interaction_required&error_subtype=access_denied} to a signed-out browser; OIDC Core §3.1.2.6
     * would allow {@code login_required} too, which the switch {@code promptNoneError} chooses instead.
     */
    private ResponseEntity<String> promptNone(AuthorizationRequest request) {
        Map<String, String> parameters = new LinkedHashMap<>();
        if (request.state() != null) {
            parameters.put("state", request.state());
        }
        if (properties.switches().promptNoneError() == EmulatorProperties.PromptNoneError.LOGIN_REQUIRED) {
            parameters.put("error", "login_required");
        } else {
            parameters.put("error_subtype", "access_denied");
            parameters.put("error", "interaction_required");
        }
        return redirect(request.redirectUri(), parameters);
    }

    private List<AuthorizationPages.AccountChoice> accountChoices(Optional<GoogleOAuthClients.Account> hinted) {
        List<GoogleOAuthClients.Account> accounts = directory.registrations().accounts();
        String selected = hinted.map(GoogleOAuthClients.Account::sub)
                .orElse(accounts.isEmpty() ? null : accounts.get(0).sub());
        return accounts.stream().map(account -> new AuthorizationPages.AccountChoice(account, account.sub().equals(selected))).toList();
    }

    /** Google shows the consent screen's app name; the seed has none, so the client's own host stands in. */
    private static String appName(AuthorizationRequest request) {
        String host = URI.create(request.redirectUri()).getHost();
        return host == null ? request.client().clientId() : host;
    }

    private static Map<String, String> errorParameters(String error, String state) {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("error", error);
        if (state != null) {
            parameters.put("state", state);
        }
        return parameters;
    }

    /** A 302 to the redirect URI with the parameters added to its query, each value fully percent-encoded. */
    private static ResponseEntity<String> redirect(String redirectUri, Map<String, String> parameters) {
        String query = parameters.entrySet().stream()
                .map(entry -> entry.getKey() + "=" + UriUtils.encode(entry.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        String location = redirectUri + (redirectUri.contains("?") ? "&" : "?") + query;
        return ResponseEntity.status(HttpStatus.FOUND).location(URI.create(location))
                .cacheControl(CacheControl.noStore()).build();
    }

    private static ResponseEntity<String> html(HttpStatus status, String page) {
        return ResponseEntity.status(status).contentType(HTML).cacheControl(CacheControl.noStore())
                .header("X-Frame-Options", "DENY").body(page);
    }
}
