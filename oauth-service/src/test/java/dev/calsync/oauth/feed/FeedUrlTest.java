package dev.calsync.oauth.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class FeedUrlTest {

    @Test
    void theMaskedFormKeepsTheHostAndAtMostHalfOfAShortPath() {
        assertThat(FeedUrl.parse("webcal://Calendar.Example.com/ical/secret-token.ics").masked()).isEqualTo("calendar.example.com/ical/…");
        assertThat(FeedUrl.parse("https://example.net/x.ics").masked()).isEqualTo("example.net/x.…");
        assertThat(FeedUrl.parse("https://example.net/?token=abc").masked()).isEqualTo("example.net/…");
        assertThat(FeedUrl.parse("https://example.net").masked()).isEqualTo("example.net");
    }

    @Test
    void addressesOfOneFeedShareTheNormalizedFormAndOthersDoNot() {
        String normalized = FeedUrl.parse("https://calendar.example.com/ical/a.ics?k=1").normalized();
        assertThat(FeedUrl.parse("webcal://Calendar.Example.com/ical/a.ics?k=1").normalized()).isEqualTo(normalized);
        assertThat(FeedUrl.parse("HTTPS://calendar.example.com:443/ical/a.ics?k=1#top").normalized()).isEqualTo(normalized);
        assertThat(FeedUrl.parse("https://calendar.example.com/ical/A.ics?k=1").normalized()).as("path case matters").isNotEqualTo(normalized);
        assertThat(FeedUrl.parse("https://calendar.example.com/ical/a.ics?k=2").normalized()).isNotEqualTo(normalized);
        assertThat(FeedUrl.parse("https://calendar.example.com:8443/ical/a.ics?k=1").normalized()).isNotEqualTo(normalized);
        assertThat(FeedUrl.parse("http://example.com").normalized()).isEqualTo(FeedUrl.parse("http://example.com:80/").normalized());
    }

    @Test
    void errorsNeverRepeatTheAddress() {
        assertThatThrownBy(() -> FeedUrl.parse("ftp://secret.example.com/token")).hasMessageNotContaining("secret");
        assertThatThrownBy(() -> FeedUrl.parse("https://secret example.com/token")).hasMessageNotContaining("secret");
        assertThat(FeedUrl.parse("https://secret.example.com/token-1234").toString()).doesNotContain("token-1234");
    }
}
