package dev.calsync.token.grant;

import dev.calsync.contracts.MalformedMessageException;
import dev.calsync.contracts.token.TokenGranted;
import dev.calsync.support.messaging.InboundHandler;
import dev.calsync.support.messaging.ReceivedEvent;
import dev.calsync.token.accesstoken.AccessTokenCache;
import dev.calsync.token.keys.RefreshTokenCipher;
import dev.calsync.token.keys.RefreshTokenInTransit;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Stores the grant of a {@code TokenGranted} record as the subscriber's current one, unless the stored grant
 * is newer: records arriving out of order and replays from the earliest offset leave exactly the latest
 * grant, and a grant revoked meanwhile stays revoked when its own record comes again. Runs on the binder's
 * thread, so blocking on the database is fine and the binder's retry applies.
 */
@Component
public class TokenGrantedHandler implements InboundHandler<TokenGranted> {

    private static final Logger log = LoggerFactory.getLogger(TokenGrantedHandler.class);
    private static final Duration DATABASE_TIMEOUT = Duration.ofSeconds(30);

    private final GrantRepository grants;
    private final RefreshTokenInTransit inTransit;
    private final RefreshTokenCipher atRest;
    private final AccessTokenCache cache;
    private final TransactionalOperator transaction;
    private final Clock clock;

    public TokenGrantedHandler(GrantRepository grants, RefreshTokenInTransit inTransit, RefreshTokenCipher atRest,
                               AccessTokenCache cache, TransactionalOperator transaction, Clock clock) {
        this.grants = grants;
        this.inTransit = inTransit;
        this.atRest = atRest;
        this.cache = cache;
        this.transaction = transaction;
        this.clock = clock;
    }

    /** What became of one record. */
    enum Outcome { STORED, REPLACED, ALREADY_STORED, OLDER_IGNORED }

    @Override
    public void handle(ReceivedEvent<TokenGranted> event) {
        TokenGranted granted = event.payload();
        Outcome outcome = transaction.transactional(grants.findForUpdate(granted.subscriberId())
                        .map(stored -> decide(stored, granted))
                        .flatMap(decision -> apply(decision, granted))
                        .switchIfEmpty(Mono.defer(() -> store(granted).thenReturn(Outcome.STORED))))
                .block(DATABASE_TIMEOUT);
        if (outcome == Outcome.REPLACED || outcome == Outcome.STORED) {
            cache.drop(granted.subscriberId());
        }
        log.info("grant {} of subscriber {} from {}: {}", granted.grantId(), granted.subscriberId(), event.position(), outcome);
    }

    private record Decision(StoredGrant stored, Outcome outcome) {
    }

    private static Decision decide(StoredGrant stored, TokenGranted granted) {
        if (stored.grantId().equals(granted.grantId())) {
            return new Decision(stored, Outcome.ALREADY_STORED);
        }
        return new Decision(stored, stored.isOlderThan(granted.grantedAt(), granted.grantId()) ? Outcome.REPLACED : Outcome.OLDER_IGNORED);
    }

    private Mono<Outcome> apply(Decision decision, TokenGranted granted) {
        StoredGrant stored = decision.stored();
        return switch (decision.outcome()) {
            case ALREADY_STORED -> Mono.just(Outcome.ALREADY_STORED);
            case OLDER_IGNORED -> grants.markSuperseded(granted.subscriberId(), granted.grantId(), granted.grantedAt())
                    .thenReturn(Outcome.OLDER_IGNORED);
            default -> grants.markSuperseded(stored.subscriberId(), stored.grantId(), stored.grantedAt())
                    .then(store(granted))
                    .thenReturn(Outcome.REPLACED);
        };
    }

    private Mono<Void> store(TokenGranted granted) {
        return Mono.defer(() -> {
            String refreshToken = inTransit.decrypt(granted.subscriberId(), granted.encryptedRefreshToken())
                    .orElseThrow(() -> new MalformedMessageException(TokenGranted.class,
                            "the refresh token of grant " + granted.grantId() + " does not decrypt with the token hybrid "
                                    + "private keyset or a retired one (associated data: the subscriber id)"));
            RefreshTokenCipher.Sealed sealed = atRest.encrypt(granted.subscriberId(), refreshToken);
            return grants.store(new GrantRepository.NewGrant(granted.subscriberId(), granted.grantId(), granted.grantedAt(),
                    granted.oauthClientId(), granted.scopes()), sealed, clock.instant());
        });
    }
}
