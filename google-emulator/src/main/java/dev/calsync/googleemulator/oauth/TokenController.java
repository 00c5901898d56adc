package dev.calsync.googleemulator.oauth;

import dev.calsync.googleemulator.config.EmulatorProperties;
import dev.calsync.googleemulator.directory.Directory;
import dev.calsync.secrets.GoogleOAuthClients;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.regex.Pattern;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The token endpoint, {@code oauth2.googleapis.com/token} (legacy {@code accounts.google.com/o/oauth2/token}
 * and {@code www.googleapis.com/oauth2/v4/token}): the {@code authorization_code} and {@code refresh_token}
 * grants with Google's answers and error bodies, word for word (GOOGLE.md §9, token endpoint and its
 * error table).
 */
@RestController
public class TokenController {

    private static final Pattern GRANT_TYPE_NAME = Pattern.compile("[a-z_:.\\-/]{1,64}");
    private static final Pattern CODE_VERIFIER = Pattern.compile("[A-Za-z0-9\\-._~]{43,128}");
    private static final String BAD_REQUEST = "Bad Request";
    private static final String EXPIRED_OR_REVOKED = "Token has been expired or revoked.";

    private final ClientAuthenticator clients;
    private final AuthorizationCodes codes;
    private final GrantStore grants;
    private final RefreshTokenPolicy refreshTokens;
    private final IdTokens idTokens;
    private final IssuerUrls urls;
    private final Directory directory;
    private final EmulatorProperties properties;
    private final Clock clock;

    public TokenController(ClientAuthenticator clients, AuthorizationCodes codes, GrantStore grants,
                           RefreshTokenPolicy refreshTokens, IdTokens idTokens, IssuerUrls urls, Directory directory,
                           EmulatorProperties properties, Clock clock) {
        this.clients = clients;
        this.codes = codes;
        this.grants = grants;
        this.refreshTokens = refreshTokens;
        this.idTokens = idTokens;
        this.urls = urls;
        this.directory = directory;
        this.properties = properties;
        this.clock = clock;
    }

    @PostMapping({"/token", "/o/oauth2/token", "/oauth2/v4/token"})
    public Mono<ResponseEntity<TokenResponse>> token(ServerWebExchange exchange) {
        ServerHttpRequest request = exchange.getRequest();
        return exchange.getFormData().map(form -> {
            String grantType = form.getFirst("grant_type");
            TokenResponse response = switch (grantType == null ? "" : grantType) {
                case "authorization_code" -> redeemCode(request, form, clients.authenticate(request.getHeaders(), form));
                case "refresh_token" -> refresh(request, form, clients.authenticate(request.getHeaders(), form));
                default -> throw new OAuthException(HttpStatus.BAD_REQUEST, "unsupported_grant_type",
                        "Invalid grant_type: " + echoableGrantType(grantType));
            };
            return ResponseEntity.ok()
                    .contentType(OAuthExceptionHandler.JSON_UTF8)
                    .cacheControl(CacheControl.noStore())
                    .header(HttpHeaders.PRAGMA, "no-cache")
                    .body(response);
        });
    }

    private TokenResponse redeemCode(ServerHttpRequest request, MultiValueMap<String, String> form, GoogleOAuthClients.Client client) {
        String value = form.getFirst("code");
        if (value == null || value.isEmpty()) {
            throw OAuthException.missingParameter("code");
        }
        if (!AuthorizationCodes.wellFormed(value)) {
            throw OAuthException.invalidGrant(detailed("Malformed auth code."));
        }
        // unknown, used, expired, or another client's code: Google says only "Bad Request"
        AuthorizationCode code = codes.find(value)
                .filter(found -> found.clientId().equals(client.clientId()))
                .orElseThrow(() -> OAuthException.invalidGrant(BAD_REQUEST));

        String redirectUri = form.getFirst("redirect_uri");
        if (redirectUri == null && !code.redirectUri().isEmpty()) {
            throw OAuthException.missingParameter("redirect_uri");
        }
        // a mobile serverAuthCode was issued without a redirect URI: redeemed with redirect_uri= (or none)
        if (!(redirectUri == null ? "" : redirectUri).equals(code.redirectUri())) {
            throw new OAuthException(HttpStatus.BAD_REQUEST, "redirect_uri_mismatch", BAD_REQUEST);
        }
        checkPkce(code, form.getFirst("code_verifier"));
        if (!codes.consume(code)) {
            throw OAuthException.invalidGrant(BAD_REQUEST);
        }

        boolean refreshToken = client.type() == GoogleOAuthClients.ClientType.desktop && properties.switches().desktopAlwaysGetsRefreshToken()
                || code.offline() && (code.firstConsent() || code.promptConsent());
        GrantStore.Issued issued;
        try {
            issued = grants.issue(code.subject(), client.clientId(), code.scopes(), code.offline(), refreshToken,
                    refreshTokens.lifetime(client, code.scopes()));
        } catch (GrantStore.GrantGone revokedMeanwhile) {
            throw OAuthException.invalidGrant(BAD_REQUEST);
        }
        String idToken = OAuthScopes.anyIdentity(issued.scopes())
                ? idToken(request, client.clientId(), azp(code), code.subject(), issued, code.nonce()) : null;
        return new TokenResponse(issued.accessToken(), issued.expiresIn().toSeconds(), issued.refreshToken(),
                seconds(issued.refreshTokenExpiresIn()), String.join(" ", issued.scopes()), "Bearer", idToken);
    }

    /** RFC 7636 §4.6 with Google's answers: a missing or wrong verifier is an invalid_grant. */
    private void checkPkce(AuthorizationCode code, String verifier) {
        if (code.codeChallenge() == null) {
            return;
        }
        if (verifier == null || verifier.isEmpty()) {
            throw OAuthException.invalidGrant(detailed("Missing code verifier."));
        }
        if (!CODE_VERIFIER.matcher(verifier).matches()
                || !MessageDigest.isEqual(challengeOf(verifier, code.codeChallengeMethod()).getBytes(StandardCharsets.US_ASCII),
                code.codeChallenge().getBytes(StandardCharsets.US_ASCII))) {
            throw OAuthException.invalidGrant(detailed("Invalid code verifier."));
        }
    }

    static String challengeOf(String verifier, String method) {
        if ("plain".equals(method)) {
            return verifier;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private TokenResponse refresh(ServerHttpRequest request, MultiValueMap<String, String> form, GoogleOAuthClients.Client client) {
        String refreshToken = form.getFirst("refresh_token");
        if (refreshToken == null || refreshToken.isEmpty()) {
            throw OAuthException.missingParameter("refresh_token");
        }
        GrantStore.Issued issued;
        try {
            issued = grants.refresh(refreshToken, client.clientId());
        } catch (GrantStore.RefreshRefused refused) {
            throw OAuthException.invalidGrant(deadRefreshTokenDescription(refused));
        }
        // a refresh brings a new id_token only for openid, and never a new refresh token (GOOGLE.md §9)
        String idToken = issued.scopes().contains(OAuthScopes.OPENID)
                ? idToken(request, client.clientId(), client.clientId(), issued.grant().subject(), issued, null) : null;
        return new TokenResponse(issued.accessToken(), issued.expiresIn().toSeconds(), null,
                seconds(issued.refreshTokenExpiresIn()), String.join(" ", issued.scopes()), "Bearer", idToken);
    }

    /** ⚠️ Google is said to switch to "Bad Request" some hours after a revocation; off unless configured. */
    private String deadRefreshTokenDescription(GrantStore.RefreshRefused refused) {
        Duration after = properties.switches().revokedRefreshTokenBadRequestAfter();
        if (after != null && refused.endedAt().filter(ended -> !clock.instant().isBefore(ended.plus(after))).isPresent()) {
            return BAD_REQUEST;
        }
        return EXPIRED_OR_REVOKED;
    }

    private String azp(AuthorizationCode code) {
        return properties.switches().mobileAzpIsAppClient() ? code.authorizedParty() : code.clientId();
    }

    private String idToken(ServerHttpRequest request, String audience, String authorizedParty, String subject,
                           GrantStore.Issued issued, String nonce) {
        GoogleOAuthClients.Account account = directory.account(subject)
                .orElseGet(() -> new GoogleOAuthClients.Account(subject, issued.grant().email(), issued.grant().email()));
        return idTokens.mint(new IdTokens.Request(urls.idTokenIssuer(request), audience, authorizedParty, account,
                issued.scopes(), nonce, issued.accessToken(), urls.baseUrl(request)));
    }

    private String detailed(String description) {
        return properties.switches().detailedInvalidGrant() ? description : BAD_REQUEST;
    }

    /**
     * Google echoes the grant type it refused. A grant type name is short lowercase text; anything else
     * (say, a token pasted into the wrong field) is not echoed, so that no error body can carry a secret.
     */
    static String echoableGrantType(String grantType) {
        return grantType != null && GRANT_TYPE_NAME.matcher(grantType).matches() ? grantType : "";
    }

    private static Long seconds(Duration duration) {
        return duration == null ? null : Math.max(0, duration.toSeconds());
    }
}
