package dev.calsync.feedingest.grant;

import dev.calsync.contracts.token.TokenGranted;
import dev.calsync.contracts.token.TokenRevoked;
import dev.calsync.feedingest.feed.FeedRepository;
import dev.calsync.feedingest.grant.GrantRepository.StoredGrant;
import dev.calsync.support.messaging.ReceivedEvent;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Which subscribers may be fetched for. The rules (DESIGN.md "Grants are identified"):
 * <ul>
 *   <li>a grant older than the stored one, or one already revoked, changes nothing (replays, reordering);</li>
 *   <li>a revocation of the current grant pauses the subscriber's feeds; of any other grant it is only
 *       remembered, so that grant can never become current later;</li>
 *   <li>a new grant after a revocation resumes the feeds and resyncs every one of them: the writer's
 *       records of the revoked grant were skipped, so it must be told everything again.</li>
 * </ul>
 * Each step is idempotent and ordered so that a crash part-way and the replay end where one run would.
 */
@Component
public class GrantHandler {

    private static final Logger log = LoggerFactory.getLogger(GrantHandler.class);

    private final GrantRepository grants;
    private final FeedRepository feeds;
    private final Clock clock;

    public GrantHandler(GrantRepository grants, FeedRepository feeds, Clock clock) {
        this.grants = grants;
        this.feeds = feeds;
        this.clock = clock;
    }

    public void granted(ReceivedEvent<TokenGranted> received) {
        TokenGranted grant = received.payload();
        Optional<StoredGrant> stored = grants.current(grant.subscriberId());
        if (stored.isPresent() && stored.get().grantId().equals(grant.grantId())) {
            return; // a replay
        }
        if (stored.isPresent() && stored.get().grantedAt() != null && grant.grantedAt().isBefore(stored.get().grantedAt())) {
            log.info("ignored grant {} of subscriber {}: older than the stored one", grant.grantId(), grant.subscriberId());
            return;
        }
        boolean revoked = grants.isRevoked(grant.grantId());
        boolean afterRevoke = stored.isPresent() && stored.get().revoked();
        // the grant row is written last: a crash before it replays this record, which then does it all again
        if (afterRevoke && !revoked) {
            feeds.requestResyncOfSubscriber(grant.subscriberId(), clock.instant());
            log.info("new grant {} of subscriber {} after a revocation: resync of every feed requested",
                    grant.grantId(), grant.subscriberId());
        }
        grants.store(grant.subscriberId(), grant.grantId(), grant.grantedAt(), revoked, clock.instant());
    }

    public void revoked(ReceivedEvent<TokenRevoked> received) {
        TokenRevoked revocation = received.payload();
        grants.remember(revocation.subscriberId(), revocation.grantId(), revocation.revokedAt());
        Optional<StoredGrant> stored = grants.current(revocation.subscriberId());
        if (stored.isEmpty()) {
            // revoked before its grant arrived: stored as revoked, so that grant cannot resume anything
            grants.store(revocation.subscriberId(), revocation.grantId(), null, true, clock.instant());
            return;
        }
        if (stored.get().grantId().equals(revocation.grantId()) && !stored.get().revoked()) {
            grants.store(revocation.subscriberId(), revocation.grantId(), stored.get().grantedAt(), true, clock.instant());
            log.info("grant {} of subscriber {} revoked ({}): feeds paused", revocation.grantId(),
                    revocation.subscriberId(), revocation.reason());
        }
    }
}
