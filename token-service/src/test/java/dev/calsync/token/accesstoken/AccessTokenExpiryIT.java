package dev.calsync.token.accesstoken;

import static org.assertj.core.api.Assertions.assertThat;

import dev.calsync.contracts.token.TokenGranted;
import dev.calsync.token.TokenServiceTestSupport;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Expiry on the service's clock, moved together with Google's: a token is kept until five minutes before it
 * expires, then exactly one refresh serves every concurrent caller.
 */
class AccessTokenExpiryIT extends TokenServiceTestSupport {

    @Test
    void aTokenIsRefreshedOnceWhenItComesWithinFiveMinutesOfExpiry() throws Exception {
        TokenGranted granted = tokenGranted(newSubscriber(), UUID.randomUUID(), Instant.now(), consentAtGoogle(ALICE));
        publishAndAwaitStored(granted);
        String first = accessToken(granted.subscriberId(), granted.grantId()).get("access_token").asText();
        Instant expiresAt = Instant.parse(accessToken(granted.subscriberId(), granted.grantId()).get("expires_at").asText());
        long issued = accessTokensIssuedByGoogle();

        // Google's tokens live 3599 s: at 54 min the token still has more than five minutes
        advanceBothClocks(Duration.ofMinutes(54));
        assertThat(accessToken(granted.subscriberId(), granted.grantId()).get("access_token").asText()).isEqualTo(first);
        assertThat(accessTokensIssuedByGoogle()).isEqualTo(issued);

        advanceBothClocks(Duration.ofMinutes(1).plusSeconds(30));
        List<String> tokens = concurrentAccessTokens(granted.subscriberId(), granted.grantId(), 200);

        assertThat(tokens).hasSize(200).allMatch(token -> token.startsWith("ya29."));
        assertThat(tokens.stream().distinct().toList()).hasSize(1).doesNotContain(first);
        assertThat(accessTokensIssuedByGoogle()).as("refreshes Google saw").isEqualTo(issued + 1);
        Instant renewedExpiry = Instant.parse(accessToken(granted.subscriberId(), granted.grantId()).get("expires_at").asText());
        assertThat(renewedExpiry).isAfter(expiresAt.plus(Duration.ofMinutes(55)));
    }

    @Test
    void aTokenPastItsExpiryIsNeverHandedOut() throws Exception {
        TokenGranted granted = tokenGranted(newSubscriber(), UUID.randomUUID(), Instant.now(), consentAtGoogle(BOB));
        publishAndAwaitStored(granted);
        String first = accessToken(granted.subscriberId(), granted.grantId()).get("access_token").asText();

        advanceBothClocks(Duration.ofHours(2));

        String later = accessToken(granted.subscriberId(), granted.grantId()).get("access_token").asText();
        assertThat(later).isNotEqualTo(first);
    }
}
