package dev.calsync.systemtests.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.calsync.systemtests.actors.FeedServer;
import dev.calsync.systemtests.actors.GoogleEmulatorAdmin;
import dev.calsync.systemtests.actors.Person;
import dev.calsync.systemtests.harness.SystemStack;
import dev.calsync.systemtests.harness.WithSystemStack;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The system as its user meets it, every service a process of its own: Alice connects Google Calendar
 * (the web flow through the emulator's consent page) and adds a feed on the page; the feed's events then
 * appear in a Google calendar of their own. Only HTTP is used: the page's API and the emulator's.
 */
@WithSystemStack
class FeedReachesGoogleIT {

    private static final String ALICE = "alice@example.com";

    static FeedServer publisher;

    @BeforeAll
    static void startThePublisher() throws Exception {
        publisher = FeedServer.start();
    }

    @AfterAll
    static void stopThePublisher() {
        if (publisher != null) {
            publisher.close();
        }
    }

    @Test
    void aFeedAddedOnThePageLandsInItsOwnGoogleCalendarWithEveryEvent(SystemStack stack) throws Exception {
        GoogleEmulatorAdmin google = new GoogleEmulatorAdmin(stack.emulatorUrl());
        Person alice = Person.connect(stack, ALICE);
        String feed = "team-" + UUID.randomUUID();
        List<String> events = List.of("Kick-off", "Planning", "Retrospective");
        URI url = publisher.publish(feed, FeedServer.simpleFeed(feed, events));

        alice.addFeed(url, feed);

        List<String> shown = await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                .alias("Alice's Google calendar " + feed + " lists the feed's events")
                .until(() -> google.liveEventSummaries(ALICE, feed), events::equals);
        assertThat(shown).containsExactlyElementsOf(events);
        assertThat(publisher.downloads(feed)).as("feed-ingest fetched the feed").isPositive();
    }
}
