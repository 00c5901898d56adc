package dev.calsync.oauth.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** The feeds-per-person cap is a setting (CALSYNC_FEEDS_PER_SUBSCRIBER), 50 unless set, never below one. */
class FeedPropertiesTest {

    static FeedProperties bind(Map<String, String> settings) {
        return new Binder(new MapConfigurationPropertySource(settings)).bindOrCreate("calsync.feeds", FeedProperties.class);
    }

    @Test
    void theCapIsFiftyUnlessSet() {
        assertThat(bind(Map.of()).maxPerSubscriber()).isEqualTo(50);
        assertThat(bind(Map.of("calsync.feeds.max-per-subscriber", "200")).maxPerSubscriber()).isEqualTo(200);
    }

    @Test
    void aCapBelowOneIsRefusedAtStart() {
        assertThatThrownBy(() -> bind(Map.of("calsync.feeds.max-per-subscriber", "0")))
                .isInstanceOf(BindException.class).hasRootCauseMessage("calsync.feeds.max-per-subscriber must be at least 1, was 0");
    }
}
