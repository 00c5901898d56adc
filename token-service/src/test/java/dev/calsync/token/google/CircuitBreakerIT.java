package dev.calsync.token.google;

import static org.assertj.core.api.Assertions.assertThat;

import dev.calsync.contracts.token.TokenGranted;
import dev.calsync.token.TokenServiceTestSupport;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/** After repeated failures the breaker opens: callers get 503 at once and Google is spared further calls. */
// a context of its own: a breaker that opens after 3 calls would cut every other class's scenarios short
@TestPropertySource(properties = {
        "resilience4j.circuitbreaker.instances.google-oauth.minimum-number-of-calls=3",
        "resilience4j.circuitbreaker.instances.google-oauth.sliding-window-size=3",
        "resilience4j.circuitbreaker.instances.google-oauth.wait-duration-in-open-state=1h"})
class CircuitBreakerIT extends TokenServiceTestSupport {

    @Test
    void anOpenBreakerAnswers503WithoutCallingGoogle() throws Exception {
        TokenGranted granted = tokenGranted(newSubscriber(), UUID.randomUUID(), Instant.now(), consentAtGoogle(ALICE));
        publishAndAwaitStored(granted);
        armGoogleFault("oauth.token", 503, 3, 0);
        requestAccessToken(granted.subscriberId(), granted.grantId(), false).expectStatus().isEqualTo(503);
        long issued = accessTokensIssuedByGoogle();

        requestAccessToken(granted.subscriberId(), granted.grantId(), false).expectStatus().isEqualTo(503)
                .expectBody().jsonPath("$.error").isEqualTo("google_unavailable");

        assertThat(accessTokensIssuedByGoogle()).as("no call reached Google").isEqualTo(issued);
        disarmGoogleFaults();
    }
}
