package dev.calsync.googleemulator.oauth;

import dev.calsync.googleemulator.state.Resettable;
import dev.calsync.secrets.SecretsGenerator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Authorization requests whose consent page is open. The page's form carries only a random id; client,
 * redirect URI, scopes, PKCE challenge and the rest stay here, so nothing the browser sends back can
 * change what is being consented to. Each id answers once.
 */
@Component
class PendingConsents implements Resettable {

    /** How long a consent page stays answerable; a person takes minutes, not hours. */
    static final Duration LIFETIME = Duration.ofHours(1);

    private record Pending(AuthorizationRequest request, Instant expiresAt) {
    }

    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    private final Clock clock;

    PendingConsents(Clock clock) {
        this.clock = clock;
    }

    String open(AuthorizationRequest request) {
        String id = SecretsGenerator.randomToken(24);
        pending.put(id, new Pending(request, clock.instant().plus(LIFETIME)));
        return id;
    }

    /** The request behind a consent page, removed so that the page cannot be answered twice. */
    Optional<AuthorizationRequest> take(String id) {
        if (id == null) {
            return Optional.empty();
        }
        Pending taken = pending.remove(id);
        if (taken == null || !clock.instant().isBefore(taken.expiresAt())) {
            return Optional.empty();
        }
        return Optional.of(taken.request());
    }

    @Override
    public void reset() {
        pending.clear();
    }
}
