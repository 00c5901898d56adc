package dev.calsync.oauth.connect;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.http.HttpCookie;
import org.springframework.http.ResponseCookie;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.client.web.server.ServerAuthorizationRequestRepository;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Where a started sign-in waits for Google's callback: the {@link OAuth2AuthorizationRequest} (with its
 * PKCE verifier and OIDC nonce) in this service's memory, keyed by the id inside the signed
 * {@code state}, and bound to the browser that started it by an HttpOnly, SameSite=Lax cookie (Secure over
 * https) whose hash is kept with it. The callback must bring a state with a valid signature, not expired,
 * issued to this browser and not used before; each failure is an {@link OAuth2AuthenticationException}
 * with its own error code, which {@link ConnectErrorPage} explains. Memory, like the web sessions: a
 * restart during the consent screen ends on the "expired" page and the person starts again.
 */
public class PendingSignIns implements ServerAuthorizationRequestRepository<OAuth2AuthorizationRequest> {

    public static final String COOKIE = "calsync_oauth_binding";
    public static final String INVALID_STATE = "invalid_state";
    public static final String EXPIRED_STATE = "expired_state";
    public static final String REPLAYED_STATE = "replayed_state";
    public static final String OTHER_BROWSER = "state_from_other_browser";

    private record Pending(OAuth2AuthorizationRequest request, String bindingHash, Instant expiresAt) {
    }

    private final SignedState states;
    private final Clock clock;
    private final Duration lifetime;
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    /** Ids used already (until their state would have expired anyway), to tell a replay from a forgery. */
    private final Map<String, Instant> used = new ConcurrentHashMap<>();

    public PendingSignIns(SignedState states, Clock clock, Duration lifetime) {
        this.states = states;
        this.clock = clock;
        this.lifetime = lifetime;
    }

    @Override
    public Mono<OAuth2AuthorizationRequest> loadAuthorizationRequest(ServerWebExchange exchange) {
        return Mono.fromSupplier(() -> {
            SignedState.Verified state = verified(exchange);
            Pending entry = pending.get(state.id());
            return entry == null ? null : entry.request();
        });
    }

    @Override
    public Mono<Void> saveAuthorizationRequest(OAuth2AuthorizationRequest request, ServerWebExchange exchange) {
        return Mono.fromRunnable(() -> {
            sweep();
            SignedState.Result result = states.verify(request.getState());
            SignedState.Verified state = result.verified().orElseThrow(() -> new IllegalStateException("issued an unverifiable state"));
            String binding = SignedState.randomToken();
            pending.put(state.id(), new Pending(request, hash(binding), state.expiresAt()));
            exchange.getResponse().addCookie(cookie(exchange, binding, lifetime));
        });
    }

    @Override
    public Mono<OAuth2AuthorizationRequest> removeAuthorizationRequest(ServerWebExchange exchange) {
        return Mono.fromSupplier(() -> {
            SignedState.Verified state = verified(exchange);
            Pending entry = pending.get(state.id());
            if (entry == null) {
                throw failure(used.containsKey(state.id()) ? REPLAYED_STATE : EXPIRED_STATE);
            }
            HttpCookie cookie = exchange.getRequest().getCookies().getFirst(COOKIE);
            if (cookie == null || !hash(cookie.getValue()).equals(entry.bindingHash())) {
                throw failure(OTHER_BROWSER);
            }
            if (!pending.remove(state.id(), entry)) {
                throw failure(REPLAYED_STATE);
            }
            used.put(state.id(), entry.expiresAt());
            exchange.getResponse().addCookie(cookie(exchange, "", Duration.ZERO));
            return entry.request();
        });
    }

    private SignedState.Verified verified(ServerWebExchange exchange) {
        String state = exchange.getRequest().getQueryParams().getFirst(OAuth2ParameterNames.STATE);
        SignedState.Result result = states.verify(state);
        return result.verified().orElseThrow(() -> failure(
                result.problem() == SignedState.Problem.EXPIRED ? EXPIRED_STATE : INVALID_STATE));
    }

    private void sweep() {
        Instant now = clock.instant();
        pending.values().removeIf(entry -> !now.isBefore(entry.expiresAt()));
        used.values().removeIf(expiry -> !now.isBefore(expiry));
    }

    private static ResponseCookie cookie(ServerWebExchange exchange, String value, Duration maxAge) {
        boolean https = "https".equalsIgnoreCase(exchange.getRequest().getURI().getScheme())
                || exchange.getRequest().getSslInfo() != null;
        return ResponseCookie.from(COOKIE, value).httpOnly(true).sameSite("Lax").secure(https)
                .path("/api/google-oauth/").maxAge(maxAge).build();
    }

    private static OAuth2AuthenticationException failure(String code) {
        return new OAuth2AuthenticationException(new OAuth2Error(code), code);
    }

    private static String hash(String value) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
