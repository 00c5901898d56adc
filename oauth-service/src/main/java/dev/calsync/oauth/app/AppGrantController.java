package dev.calsync.oauth.app;

import dev.calsync.secrets.GoogleOAuthClients;
import java.net.URI;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * The native app and desktop front doors. Same outcome and events as the web flow: a known Google
 * account keeps its subscriber, a new one gets one, and TokenGranted goes through the outbox.
 */
@RestController
public class AppGrantController {

    /** From a mobile app's Google Sign-In: its serverAuthCode and ID token. */
    public record AppTokens(String authCode, String idToken) {
        @Override
        public String toString() {
            return "AppTokens[…]";
        }
    }

    /** From the desktop/CLI loopback flow. */
    public record DesktopCode(String code, String codeVerifier, String redirectUri) {
        @Override
        public String toString() {
            return "DesktopCode[redirectUri=" + redirectUri + "]";
        }
    }

    private final CodeExchange exchange;
    private final GoogleOAuthClients.Client web;
    private final GoogleOAuthClients.Client desktop;
    private final Set<String> appClientIds;

    private final String authorizationEndpoint;
    private final String scope;

    public AppGrantController(CodeExchange exchange, GoogleOAuthClients clients,
                              dev.calsync.oauth.connect.GoogleProviderEndpoints endpoints,
                              dev.calsync.oauth.connect.OAuthProperties properties) {
        this.exchange = exchange;
        this.authorizationEndpoint = endpoints.authorization();
        this.scope = "openid email " + properties.calendarScope();
        this.web = clients.firstOfType(GoogleOAuthClients.ClientType.web).orElseThrow();
        this.desktop = clients.firstOfType(GoogleOAuthClients.ClientType.desktop).orElse(null);
        this.appClientIds = clients.clients().stream()
                .filter(c -> c.type() == GoogleOAuthClients.ClientType.android || c.type() == GoogleOAuthClients.ClientType.ios)
                .filter(c -> web.clientId().equals(c.webClientId()))
                .map(GoogleOAuthClients.Client::clientId).collect(Collectors.toUnmodifiableSet());
    }

    /** aud = our web client, azp = one of our app clients; the code is redeemed by the web client with redirect_uri "". */
    @PostMapping("/api/app/google-calendar/tokens")
    public Mono<ResponseEntity<Map<String, Object>>> app(@RequestBody AppTokens request) {
        return exchange.verifyIdToken(request.idToken(), web.clientId(), appClientIds::contains)
                .flatMap(idToken -> exchange.exchangeAndRecord(web, request.authCode(), "", null, idToken.getSubject()))
                .map(recorded -> ResponseEntity.status(HttpStatus.CREATED).body(Map.<String, Object>of(
                        "subscriberId", recorded.subscriberId(), "email", recorded.email(), "grantId", recorded.grantId().toString())));
    }

    /** What the desktop client needs to start (public values only: a desktop client id is not a secret). */
    @org.springframework.web.bind.annotation.GetMapping("/api/desktop/google-oauth/config")
    public ResponseEntity<Map<String, Object>> desktopConfig() {
        if (desktop == null) {
            return ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of("error", "no desktop client is configured"));
        }
        return ResponseEntity.ok(Map.of("authorizationEndpoint", authorizationEndpoint, "clientId", desktop.clientId(),
                "scope", scope));
    }

    @PostMapping("/api/desktop/google-oauth/exchange")
    public Mono<ResponseEntity<Map<String, Object>>> desktop(@RequestBody DesktopCode request) {
        if (desktop == null) {
            return Mono.error(new CodeExchange.Refused("no desktop client is configured"));
        }
        if (!isLoopback(request.redirectUri())) {
            return Mono.error(new CodeExchange.Refused("redirectUri must be a loopback address (http://127.0.0.1:<port>/…)"));
        }
        if (request.codeVerifier() == null || request.codeVerifier().length() < 43) {
            return Mono.error(new CodeExchange.Refused("codeVerifier (PKCE) is required"));
        }
        return exchange.exchangeAndRecord(desktop, request.code(), request.redirectUri(), request.codeVerifier(), null)
                .map(recorded -> ResponseEntity.status(HttpStatus.CREATED).body(Map.<String, Object>of(
                        "subscriberId", recorded.subscriberId(), "email", recorded.email(), "grantId", recorded.grantId().toString())));
    }

    @ExceptionHandler(CodeExchange.Refused.class)
    public ResponseEntity<Map<String, Object>> refused(CodeExchange.Refused e) {
        return ResponseEntity.badRequest().body(Map.of("error", e.getMessage()));
    }

    static boolean isLoopback(String redirectUri) {
        try {
            URI uri = URI.create(redirectUri);
            return "http".equals(uri.getScheme()) && ("127.0.0.1".equals(uri.getHost()) || "[::1]".equals(uri.getHost())
                    || "localhost".equals(uri.getHost())) && uri.getPort() > 0;
        } catch (RuntimeException e) {
            return false;
        }
    }
}
