package dev.calsync.systemtests.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.calsync.systemtests.actors.FeedServer;
import dev.calsync.systemtests.actors.GoogleEmulatorAdmin;
import dev.calsync.systemtests.actors.Person;
import dev.calsync.systemtests.harness.ChildProcess;
import dev.calsync.systemtests.harness.Service;
import dev.calsync.systemtests.harness.SystemStack;
import dev.calsync.systemtests.harness.WithSystemStack;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What the harness offers fault scenarios, proven once: the writer killed (SIGKILL) and started again,
 * PostgreSQL's postmaster killed and started on its data, the broker stopped and started on its log; the
 * services come back by themselves, and a feed added afterwards still reaches Google.
 */
@WithSystemStack
class ComponentsComeBackIT {

    private static final String ALICE = "alice@example.com";

    @Test
    void afterTheWriterThePostgresAndTheBrokerWentDownAndCameBackAFeedStillReachesGoogle(SystemStack stack) throws Exception {
        ChildProcess writer = stack.service(Service.CALENDAR_WRITER);
        long killedPid = writer.pid();
        assertThat(writer.kill()).as("the writer killed by SIGKILL").isEqualTo(ChildProcess.KILLED_EXIT_CODE);
        assertThat(stack.postgres().kill()).as("PostgreSQL (postmaster and wrapper) killed by SIGKILL").isEqualTo(ChildProcess.KILLED_EXIT_CODE);
        stack.postgres().start();
        writer.start();
        assertThat(writer.pid()).isNotEqualTo(killedPid);
        stack.kafka().restart();
        // every service reconnects to the restarted database and broker on its own: ready again, no restart
        stack.awaitReady();

        try (FeedServer publisher = FeedServer.start()) {
            Person alice = Person.connect(stack, ALICE);
            String feed = "after-faults-" + UUID.randomUUID();
            List<String> events = List.of("Back", "Again");
            alice.addFeed(publisher.publish(feed, FeedServer.simpleFeed(feed, events)), feed);
            GoogleEmulatorAdmin google = new GoogleEmulatorAdmin(stack.emulatorUrl());
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                    .until(() -> google.liveEventSummaries(ALICE, feed), events.stream().sorted().toList()::equals);
        }
        assertThat(stack.component("calendar-writer-service").log()).content().contains("starting calendar-writer-service");
    }
}
