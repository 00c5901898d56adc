package dev.calsync.calendarwriter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.calsync.calendarwriter.support.WriterProcess;
import dev.calsync.calendarwriter.support.WriterSettings;
import dev.calsync.calendarwriter.support.WriterTestFixtures;
import dev.calsync.contracts.ContractJson;
import dev.calsync.contracts.Topics;
import dev.calsync.contracts.event.EventChanged;
import dev.calsync.contracts.resync.ResyncReason;
import dev.calsync.contracts.resync.ResyncRequested;
import dev.calsync.testsupport.RealInfrastructure;
import dev.calsync.testsupport.TopicRecords;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The writer as a real process, killed with SIGKILL at the worst moments and started again: nothing it
 * had not committed is lost, nothing it had done in Google is done twice. No writer runs in this JVM; one
 * child process at a time consumes as the service's consumer group, against this class's database, the
 * shared broker, the emulator and the token-service stand-in.
 */
@RealInfrastructure
class KilledWriterProcessIT extends WriterTestFixtures {

    private static final Duration READY_WITHIN = Duration.ofSeconds(120);

    /** The running writer, shared by the tests (a start until ready costs about 10 s): each test may replace it. */
    private static WriterProcess writer;

    @AfterAll
    static void stopTheWriter() throws InterruptedException {
        if (writer != null) {
            writer.close();
            writer = null;
        }
    }

    @Test
    void aWriterKilledBetweenGooglesAnswerAndItsCommitAdoptsTheCalendarItCreated() throws Exception {
        runningWriter();
        // calendars.insert takes effect in Google, then its answer is held: the writer never learns the id
        fault(Map.of("endpoint", "calendars.insert", "holdResponseMs", 120_000));
        List<EventChanged> changes = IntStream.rangeClosed(1, 5).mapToObj(i -> upsert("e" + i + "@x", i, "Event " + i)).toList();
        send(changes.toArray(EventChanged[]::new));

        String created = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> calendarsWithMarker(subscriber, feed), found -> !found.isEmpty())
                .get(0).path("id").asText();
        assertThat(calendarRow()).as("Google holds the calendar; the writer has committed only its intent")
                .containsEntry("state", "INTENT").containsEntry("calendar_id", null);
        assertThat(writer.kill()).as("killed by SIGKILL").isEqualTo(WriterProcess.KILLED_EXIT_CODE);

        admin("DELETE", "/emulator/admin/faults", null);
        clearCalls();
        startWriter();
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250)).until(() -> liveEvents().size() >= 5);

        assertThat(calendarsWithMarker(subscriber, feed)).as("the calendar of the killed create, adopted; no second one")
                .extracting(calendar -> calendar.path("id").asText()).containsExactly(created);
        assertThat(calendarRow()).containsEntry("state", "ACTIVE").containsEntry("calendar_id", created);
        assertThat(liveEvents()).extracting(event -> event.path("summary").asText())
                .containsExactlyInAnyOrder("Event 1", "Event 2", "Event 3", "Event 4", "Event 5");
        assertThat(calls()).as("Google calls of the restarted writer")
                .doesNotContainKey("calendars.insert")
                .containsEntry("calendarList.list", 1L)
                .containsEntry("events.insert", 5L);
    }

    @Test
    void aWriterKilledWhileRecreatingADeletedCalendarStillHasTheFeedResynced() throws Exception {
        runningWriter();
        send(upsert("a@x", 1, "First"));
        String deleted = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> feedCalendar(subscriber, feed).orElse(null), found -> found != null && found.path("events").size() == 1)
                .path("id").asText();
        aliceCalendar().calendars().delete(deleted).execute();
        // the recreate's calendars.insert takes effect in Google, then its answer is held: the writer dies in the
        // middle of recreating the calendar, after forgetting the feed's events
        fault(Map.of("endpoint", "calendars.insert", "holdResponseMs", 120_000));
        send(upsert("b@x", 2, "Second"));
        String recreated = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> calendarsWithMarker(subscriber, feed), found -> !found.isEmpty())
                .get(0).path("id").asText();
        assertThat(calendarRow()).containsEntry("state", "INTENT");
        assertThat(writer.kill()).isEqualTo(WriterProcess.KILLED_EXIT_CODE);

        admin("DELETE", "/emulator/admin/faults", null);
        startWriter();
        awaitEvent(event -> "Second".equals(event.path("summary").asText()));
        assertThat(calendarsWithMarker(subscriber, feed)).as("the calendar of the killed recreate, adopted")
                .extracting(calendar -> calendar.path("id").asText()).containsExactly(recreated);
        assertThat(recreated).isNotEqualTo(deleted);
        // the restarted writer adopts the calendar through the intent row and never passes the recreate again: the
        // resync must have been asked for before the writer died, or the rest of the feed would never come back
        assertThat(TopicRecords.readToEnd(kafka, Topics.RESYNC_REQUESTED, record -> subscriber.equals(record.key())))
                .extracting(record -> ContractJson.decode(record.value(), ResyncRequested.class))
                .singleElement().satisfies(resync -> {
                    assertThat(resync.feedId()).isEqualTo(feed);
                    assertThat(resync.reason()).isEqualTo(ResyncReason.CALENDAR_RECREATED);
                });
    }

    @Test
    void aWriterKilledMidStreamConvergesAfterARestartWithEveryEventOnce() throws Exception {
        int total = 40;
        runningWriter();
        // every insert takes effect, then its answer waits: the stream slows down enough for the kill to land in
        // its middle, most likely while an event is in Google and not yet in the writer's map
        fault(Map.of("endpoint", "events.insert", "holdResponseMs", 150));
        send(IntStream.rangeClosed(1, total).mapToObj(i -> upsert("m" + i + "@x", i, "Event " + i)).toArray(EventChanged[]::new));

        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(50))
                .until(() -> calls().getOrDefault("events.insert", 0L) >= 10);
        assertThat(writer.kill()).isEqualTo(WriterProcess.KILLED_EXIT_CODE);
        // what the emulator and the map hold right after the kill, for the report only: a request already on the
        // wire may still land, so no assertion depends on this moment
        int liveAtTheKill = liveEvents().size();
        int mappedAtTheKill = mappedEvents();
        assertThat(liveAtTheKill).as("the writer died before the end of the stream").isLessThan(total);

        admin("DELETE", "/emulator/admin/faults", null);
        startWriter();
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250)).until(() -> liveEvents().size() >= total);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> writerLag() == 0);

        List<JsonNode> live = liveEvents();
        assertThat(live).extracting(event -> event.path("id").asText()).doesNotHaveDuplicates();
        assertThat(live).extracting(event -> event.path("summary").asText())
                .containsExactlyInAnyOrderElementsOf(IntStream.rangeClosed(1, total).mapToObj(i -> "Event " + i).toList());
        assertThat(calendarsWithMarker(subscriber, feed)).hasSize(1);
        assertThat(mappedEvents()).as("every event in the writer's map").isEqualTo(total);
        Map<String, Long> calls = googleCallsOfThisTest();
        System.out.printf("mid-stream kill: %d of %d events in Google right after the kill (%d in the map); calls in all %s%n",
                liveAtTheKill, total, mappedAtTheKill, calls);
        // The writer commits an event's map row before the record's offset: a change whose row was committed costs
        // nothing when its record comes again; the changes of the one batch in flight (a person's changes go to
        // Google together, as many as the person's quota bucket holds: at most its burst of 10) that were in Google
        // but not in the map when the writer died are inserted again (409) and patched; every other change is
        // inserted once. Whenever the kill landed, patches are 0 to 10 and each costs one extra insert.
        long patches = calls.getOrDefault("events.patch", 0L);
        assertThat(patches).as("events.patch: only for an event in Google but not in the map")
                .isBetween(0L, (long) WriterSettings.with(Map.of()).quota().userBurst());
        assertThat(calls.get("events.insert")).as("events.insert: one per event, plus one per patched event")
                .isEqualTo(total + patches);
        assertThat(calls).containsEntry("calendars.insert", 1L);
    }

    @Test
    void severalPeopleKilledMidStreamEachGetEveryEventOnceAndTheirLastVersions() throws Exception {
        runningWriter();
        List<Person> people = people(4);
        slowGoogle();
        sendInterleaved(people);

        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(50))
                .until(() -> calls().getOrDefault("events.insert", 0L) >= 20);
        assertThat(writer.kill()).isEqualTo(WriterProcess.KILLED_EXIT_CODE);
        admin("DELETE", "/emulator/admin/faults", null);
        startWriter();

        assertEveryPersonConverges(people);
    }

    @Test
    void aSecondWriterJoiningAndTheFirstLeavingMidStreamLoseAndRepeatNothing() throws Exception {
        runningWriter();
        List<Person> people = people(4);
        slowGoogle();
        sendInterleaved(people);

        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(50))
                .until(() -> calls().getOrDefault("events.insert", 0L) >= 15);
        // a second instance joins: the group rebalances and hands it some of the partitions mid-stream
        try (WriterProcess second = startAnotherWriter()) {
            long atTheJoin = calls().getOrDefault("events.insert", 0L);
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(50))
                    .until(() -> calls().getOrDefault("events.insert", 0L) >= atTheJoin + 15);
            // the first leaves: its partitions move to the second, again mid-stream
            writer.stop();
            admin("DELETE", "/emulator/admin/faults", null);
            assertEveryPersonConverges(people);
            assertThat(second.isAlive()).isTrue();
        }
    }

    /** A person of these tests: a subscriber of its own with one feed, in Alice's account. */
    private record Person(String subscriber, String feed, UUID grant) {
    }

    private static final int EVENTS_PER_PERSON = 60;
    /** Events each person changes a second time, later in the stream: the last version must win. */
    private static final int CHANGED_PER_PERSON = 15;

    /**
     * Every write takes effect, then its answer waits: with two workers per writer the stream of 4 people takes
     * about half a minute, long enough for a kill, a second writer's start and a leave to land in its middle.
     */
    private void slowGoogle() throws Exception {
        fault(Map.of("endpoint", "events.insert", "holdResponseMs", 200));
        fault(Map.of("endpoint", "events.patch", "holdResponseMs", 200));
    }

    private List<Person> people(int count) {
        List<Person> people = IntStream.range(0, count)
                .mapToObj(i -> new Person("sub-" + UUID.randomUUID(), "feed-" + UUID.randomUUID(), UUID.randomUUID())).toList();
        people.forEach(person -> standIn().connect(person.subscriber(), googleAccount()));
        return people;
    }

    /** Every person's events, then a second version of some of them; people interleaved as feeds would be. */
    private void sendInterleaved(List<Person> people) throws Exception {
        List<EventChanged> stream = new java.util.ArrayList<>();
        for (int i = 1; i <= EVENTS_PER_PERSON; i++) {
            for (Person person : people) {
                stream.add(upsertOf(person.subscriber(), person.feed(), person.grant(), "p" + i + "@x", i, "Event " + i));
            }
        }
        for (int i = 1; i <= CHANGED_PER_PERSON; i++) {
            for (Person person : people) {
                stream.add(upsertOf(person.subscriber(), person.feed(), person.grant(), "p" + i + "@x", 100 + i, "Event " + i + " v2"));
            }
        }
        send(stream.toArray(EventChanged[]::new));
    }

    /** Each event once, with its last version, for every person; nothing left uncommitted. */
    private void assertEveryPersonConverges(List<Person> people) throws Exception {
        List<String> expected = IntStream.rangeClosed(1, EVENTS_PER_PERSON)
                .mapToObj(i -> i <= CHANGED_PER_PERSON ? "Event " + i + " v2" : "Event " + i).toList();
        for (Person person : people) {
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250))
                    .until(() -> summaries(person), summaries -> summaries.containsAll(expected));
        }
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> writerLag() == 0);
        for (Person person : people) {
            List<JsonNode> live = eventsIn(googleAccount(), person.subscriber(), person.feed()).stream()
                    .filter(event -> !"cancelled".equals(event.path("status").asText())).toList();
            assertThat(live).extracting(event -> event.path("id").asText()).as(person.subscriber()).doesNotHaveDuplicates();
            assertThat(live).extracting(event -> event.path("summary").asText()).as("in order: the last version of each")
                    .containsExactlyInAnyOrderElementsOf(expected);
            assertThat(calendarsIn(googleAccount(), person.subscriber(), person.feed())).hasSize(1);
        }
    }

    private List<String> summaries(Person person) throws Exception {
        return eventsIn(googleAccount(), person.subscriber(), person.feed()).stream()
                .filter(event -> !"cancelled".equals(event.path("status").asText()))
                .map(event -> event.path("summary").asText()).toList();
    }

    private static void runningWriter() throws Exception {
        if (writer == null || !writer.isAlive()) {
            startWriter();
        }
    }

    private static void startWriter() throws Exception {
        writer = startAnotherWriter();
    }

    /** The writer as deployed: environment variables only, pointed at this class's infrastructure and fakes. */
    private static WriterProcess startAnotherWriter() throws Exception {
        Map<String, String> properties = Map.of(
                // as the writer tests in this JVM
                "calsync.writer.retry-initial-backoff", "20ms",
                "calsync.writer.retry-max-backoff", "200ms",
                // longer than any answer these tests hold: the test decides when the writer dies, never a timeout of
                // its own (with the 30 s default the writer would give up on a held calendars.insert and adopt the
                // calendar by itself before the kill)
                "calsync.writer.google-read-timeout", "300s",
                // two lanes at a time: the multi-person streams last long enough to be interrupted in their middle
                "calsync.writer.workers", "2",
                // a killed member leaves no LeaveGroup: the broker drops it after the session timeout (default 45 s)
                "spring.cloud.stream.kafka.binder.consumer-properties.session.timeout.ms", "6000",
                "spring.cloud.stream.kafka.binder.consumer-properties.heartbeat.interval.ms", "1000");
        return WriterProcess.start(writerProcessEnvironment(), properties, READY_WITHIN);
    }

    /** This feed's row of google_calendar_map, read over JDBC as an operator would. */
    private Map<String, String> calendarRow() throws Exception {
        try (Connection connection = database();
             PreparedStatement query = connection.prepareStatement(
                     "SELECT state, calendar_id FROM calendar_writer.google_calendar_map WHERE subscriber_id = ? AND feed_id = ?")) {
            query.setString(1, subscriber);
            query.setString(2, feed);
            try (ResultSet row = query.executeQuery()) {
                assertThat(row.next()).as("a google_calendar_map row for the feed").isTrue();
                Map<String, String> values = new HashMap<>();
                values.put("state", row.getString("state"));
                values.put("calendar_id", row.getString("calendar_id"));
                return values;
            }
        }
    }

    /** This feed's rows of google_event_map. */
    private int mappedEvents() throws Exception {
        try (Connection connection = database();
             PreparedStatement query = connection.prepareStatement(
                     "SELECT count(*) FROM calendar_writer.google_event_map WHERE subscriber_id = ? AND feed_id = ?")) {
            query.setString(1, subscriber);
            query.setString(2, feed);
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return row.getInt(1);
            }
        }
    }

    private static Connection database() throws java.sql.SQLException {
        return DriverManager.getConnection("jdbc:" + System.getProperty("POSTGRES_URL"),
                System.getProperty("POSTGRES_USER"), System.getProperty("POSTGRES_PASSWORD", ""));
    }

}
