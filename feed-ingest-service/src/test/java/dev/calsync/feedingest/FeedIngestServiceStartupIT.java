package dev.calsync.feedingest;

import dev.calsync.testsupport.ServiceStartupContract;
import java.util.Map;

class FeedIngestServiceStartupIT extends ServiceStartupContract {

    @Override
    protected String applicationName() {
        return "feed-ingest-service";
    }

    @Override
    protected String schema() {
        return "feed_ingest";
    }

    @Override
    protected Map<String, String> bindings() {
        return Map.of(
                "feedSubscriptions-in-0", "calsync.feed-subscription.v1",
                "tokenGrants-in-0", "calsync.token-granted.v1",
                "tokenRevocations-in-0", "calsync.token-revoked.v1",
                "resyncRequests-in-0", "calsync.resync-requested.v1",
                "eventChanged", "calsync.event-changed.v1",
                "syncStatus", "calsync.sync-status.v1");
    }
}
