package dev.calsync.oauth.disconnect;

import dev.calsync.contracts.token.RevocationReason;
import dev.calsync.oauth.account.Accounts;
import dev.calsync.oauth.connect.GrantRecordingAuthenticationManager;
import dev.calsync.oauth.session.PostgresWebSessionStore;
import java.time.Clock;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.core.user.OAuth2User;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * {@code POST /api/google-oauth/disconnect}: only when token-service has revoked the grant at Google is
 * the person shown "disconnected" and offered Connect again (Google ends a whole grant at once, so a
 * reconnect before the revoke would be killed by it). A successful disconnect ends every session of the
 * subscriber, in every browser, not only the one that asked. On failure nothing changes.
 */
@RestController
public class DisconnectController {

    private final TokenServiceClient tokenService;
    private final Accounts accounts;
    private final PostgresWebSessionStore sessions;
    private final Clock clock;

    public DisconnectController(TokenServiceClient tokenService, Accounts accounts, PostgresWebSessionStore sessions, Clock clock) {
        this.tokenService = tokenService;
        this.accounts = accounts;
        this.sessions = sessions;
        this.clock = clock;
    }

    @PostMapping("/api/google-oauth/disconnect")
    public Mono<ResponseEntity<Map<String, Object>>> disconnect(@AuthenticationPrincipal OAuth2User user, ServerWebExchange exchange) {
        String subscriberId = GrantRecordingAuthenticationManager.subscriberId(user);
        if (subscriberId == null) {
            return Mono.just(ResponseEntity.status(HttpStatus.UNAUTHORIZED).body(Map.of("error", "You are not connected.")));
        }
        return accounts.find(subscriberId).flatMap(account -> tokenService.revoke(subscriberId).flatMap(revoked -> revoked
                ? accounts.markRevoked(subscriberId, account.grantId(), RevocationReason.USER_DISCONNECT, clock.instant())
                        .then(sessions.removeSessionsOf(subscriberId))
                        .then(exchange.getSession().flatMap(session -> session.invalidate()))
                        .thenReturn(ResponseEntity.ok(Map.<String, Object>of("disconnected", true,
                                "message", "Disconnected. calsync can no longer access your Google Calendar.")))
                : Mono.just(ResponseEntity.status(HttpStatus.BAD_GATEWAY).body(Map.<String, Object>of("disconnected", false,
                        "error", "Disconnecting failed: Google could not be reached to revoke access. Nothing changed; please try again.")))))
                .defaultIfEmpty(ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of("error", "No connected account.")));
    }
}
