package dev.calsync.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.calsync.testsupport.ServiceStartupContract;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OAuthServiceStartupIT extends ServiceStartupContract {

    @Override
    protected String applicationName() {
        return "oauth-service";
    }

    @Override
    protected String schema() {
        return "oauth";
    }

    @Override
    protected Map<String, String> bindings() {
        return Map.of(
                "tokenRevocations-in-0", "calsync.token-revoked.v1",
                "syncStatuses-in-0", "calsync.sync-status.v1",
                "tokenGranted", "calsync.token-granted.v1",
                "feedSubscription", "calsync.feed-subscription.v1",
                "resyncRequested", "calsync.resync-requested.v1");
    }

    @Test
    void servesTheConnectPage() {
        String page = http.get().uri("/").exchange()
                .expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(page).contains("Connect Google Calendar").contains("/api/google-oauth/start");
    }
}
