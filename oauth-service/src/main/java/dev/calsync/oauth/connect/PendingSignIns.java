package dev.calsync.oauth.connect;

import dev.calsync.oauth.session.AllowListDeserializer;
import dev.calsync.oauth.session.SessionIds;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.springframework.core.serializer.support.SerializationFailedException;
import org.springframework.core.serializer.support.SerializingConverter;
import org.springframework.http.HttpCookie;
import org.springframework.http.ResponseCookie;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.client.web.server.ServerAuthorizationRequestRepository;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Where a started sign-in waits for Google's callback: the {@link OAuth2AuthorizationRequest} (with its
 * PKCE verifier and OIDC nonce) in PostgreSQL (table {@code pending_sign_in}), so the callback may reach
 * any instance of the service, keyed by the id inside the signed {@code state}, and bound to the browser
 * that started it by an HttpOnly, SameSite=Lax cookie (Secure when the page is on https, {@link PublicAddress}) whose hash is kept with it. The
 * callback must bring a state with a valid signature, not expired, issued to this browser and not used
 * before; each failure is an {@link OAuth2AuthenticationException} with its own error code, which
 * {@link ConnectErrorPage} explains. A used row stays until its state would have expired anyway, to tell a
 * replay from a forgery; rows past that are deleted whenever a sign-in starts.
 */
public class PendingSignIns implements ServerAuthorizationRequestRepository<OAuth2AuthorizationRequest> {

    public static final String COOKIE = "calsync_oauth_binding";
    public static final String INVALID_STATE = "invalid_state";
    public static final String EXPIRED_STATE = "expired_state";
    public static final String REPLAYED_STATE = "replayed_state";
    public static final String OTHER_BROWSER = "state_from_other_browser";

    private record Pending(byte[] request, String bindingHash, Instant usedAt) {
    }

    private final SignedState states;
    private final Clock clock;
    private final Duration lifetime;
    private final DatabaseClient db;
    private final PublicAddress publicAddress;
    private final SerializingConverter serializer = new SerializingConverter();
    private final AllowListDeserializer deserializer = new AllowListDeserializer(PendingSignIns.class.getClassLoader());

    public PendingSignIns(SignedState states, Clock clock, Duration lifetime, DatabaseClient db, PublicAddress publicAddress) {
        this.states = states;
        this.clock = clock;
        this.lifetime = lifetime;
        this.db = db;
        this.publicAddress = publicAddress;
    }

    @Override
    public Mono<OAuth2AuthorizationRequest> loadAuthorizationRequest(ServerWebExchange exchange) {
        return Mono.defer(() -> find(verified(exchange).id()))
                .filter(pending -> pending.usedAt() == null)
                .flatMap(pending -> Mono.justOrEmpty(request(pending.request())));
    }

    @Override
    public Mono<Void> saveAuthorizationRequest(OAuth2AuthorizationRequest request, ServerWebExchange exchange) {
        return Mono.defer(() -> {
            SignedState.Result result = states.verify(request.getState());
            SignedState.Verified state = result.verified().orElseThrow(() -> new IllegalStateException("issued an unverifiable state"));
            String binding = SignedState.randomToken();
            exchange.getResponse().addCookie(cookie(exchange, binding, lifetime));
            return db.sql("INSERT INTO pending_sign_in (state_id, request, binding_hash, expires_at) VALUES (:id, :request, :binding, :expires)")
                    .bind("id", state.id()).bind("request", serializer.convert(request)).bind("binding", SessionIds.hash(binding))
                    .bind("expires", state.expiresAt())
                    .then()
                    .then(db.sql("DELETE FROM pending_sign_in WHERE expires_at <= :now").bind("now", clock.instant()).then());
        });
    }

    @Override
    public Mono<OAuth2AuthorizationRequest> removeAuthorizationRequest(ServerWebExchange exchange) {
        return Mono.defer(() -> {
            SignedState.Verified state = verified(exchange);
            return find(state.id())
                    .switchIfEmpty(Mono.error(() -> failure(EXPIRED_STATE)))
                    .flatMap(pending -> {
                        if (pending.usedAt() != null) {
                            return Mono.error(failure(REPLAYED_STATE));
                        }
                        HttpCookie cookie = exchange.getRequest().getCookies().getFirst(COOKIE);
                        if (cookie == null || !SessionIds.hash(cookie.getValue()).equals(pending.bindingHash())) {
                            return Mono.error(failure(OTHER_BROWSER));
                        }
                        // single use across instances: of two callbacks with this state, one marks it used
                        return db.sql("UPDATE pending_sign_in SET used_at = :now WHERE state_id = :id AND used_at IS NULL")
                                .bind("now", clock.instant()).bind("id", state.id())
                                .fetch().rowsUpdated()
                                .flatMap(marked -> {
                                    if (marked == 0) {
                                        return Mono.error(failure(REPLAYED_STATE));
                                    }
                                    exchange.getResponse().addCookie(cookie(exchange, "", Duration.ZERO));
                                    return Mono.justOrEmpty(request(pending.request()))
                                            .switchIfEmpty(Mono.error(() -> failure(EXPIRED_STATE)));
                                });
                    });
        });
    }

    private Mono<Pending> find(String stateId) {
        return db.sql("SELECT request, binding_hash, used_at FROM pending_sign_in WHERE state_id = :id")
                .bind("id", stateId)
                .map(row -> new Pending(row.get("request", byte[].class), row.get("binding_hash", String.class),
                        row.get("used_at", Instant.class)))
                .one();
    }

    /**
     * The stored request, or empty (as if none were stored) when it does not deserialize: written by another
     * version of the service during an upgrade, or holding a class outside {@link AllowListDeserializer}'s list,
     * which is refused before it is loaded. The person starts again.
     */
    private Optional<OAuth2AuthorizationRequest> request(byte[] serialized) {
        try {
            return Optional.of((OAuth2AuthorizationRequest) deserializer.deserialize(serialized));
        } catch (SerializationFailedException | ClassCastException e) {
            return Optional.empty();
        }
    }

    private SignedState.Verified verified(ServerWebExchange exchange) {
        String state = exchange.getRequest().getQueryParams().getFirst(OAuth2ParameterNames.STATE);
        SignedState.Result result = states.verify(state);
        return result.verified().orElseThrow(() -> failure(
                result.problem() == SignedState.Problem.EXPIRED ? EXPIRED_STATE : INVALID_STATE));
    }

    private ResponseCookie cookie(ServerWebExchange exchange, String value, Duration maxAge) {
        return ResponseCookie.from(COOKIE, value).httpOnly(true).sameSite("Lax").secure(publicAddress.https(exchange.getRequest()))
                .path("/api/google-oauth/").maxAge(maxAge).build();
    }

    private static OAuth2AuthenticationException failure(String code) {
        return new OAuth2AuthenticationException(new OAuth2Error(code), code);
    }
}
