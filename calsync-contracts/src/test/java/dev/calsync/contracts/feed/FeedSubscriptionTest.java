package dev.calsync.contracts.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.calsync.contracts.ContractSamples;
import org.junit.jupiter.api.Test;

class FeedSubscriptionTest {

    @Test
    void subscribingNeedsTheUrlAndTheName() {
        assertThatThrownBy(() -> new FeedSubscription(ContractSamples.SUBSCRIBER_ID, ContractSamples.FEED_ID,
                SubscriptionAction.SUBSCRIBED, null, "Team holidays", ContractSamples.OCCURRED_AT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("FeedSubscription.encryptedUrl is required when SUBSCRIBED");
        assertThatThrownBy(() -> new FeedSubscription(ContractSamples.SUBSCRIBER_ID, ContractSamples.FEED_ID,
                SubscriptionAction.SUBSCRIBED, ContractSamples.ENCRYPTED_URL, " ", ContractSamples.OCCURRED_AT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("FeedSubscription.displayName is required when SUBSCRIBED");
    }

    @Test
    void unsubscribingNeedsNeither() {
        FeedSubscription unsubscribed = ContractSamples.feedUnsubscribed();

        assertThat(unsubscribed.encryptedUrl()).isNull();
        assertThat(unsubscribed.displayName()).isNull();
    }

    @Test
    void loggingASubscriptionNeverPrintsTheEncryptedUrl() {
        assertThat(ContractSamples.feedSubscribed().toString())
                .doesNotContain(ContractSamples.ENCRYPTED_URL)
                .contains("encryptedUrl=<redacted>")
                .contains("Team holidays");
        assertThat(ContractSamples.feedUnsubscribed().toString()).contains("encryptedUrl=null");
    }
}
