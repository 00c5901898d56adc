package dev.calsync.systemtests.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.calsync.contracts.Topics;
import dev.calsync.systemtests.actors.FeedServer;
import dev.calsync.systemtests.actors.GoogleEmulatorAdmin;
import dev.calsync.systemtests.actors.Person;
import dev.calsync.systemtests.harness.CalsyncScript;
import dev.calsync.systemtests.harness.ConsumerGroups;
import dev.calsync.systemtests.harness.Service;
import dev.calsync.systemtests.harness.SystemStack;
import dev.calsync.systemtests.harness.WithSystemStack;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.kafka.clients.admin.MemberDescription;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * {@code ./calsync replay} as an operator runs it against the running system (README, commands): the
 * writer's group re-reads {@code calsync.event-changed.v1}. The group has a member per binding
 * ({@code eventChanges-in-0}, {@code tokenRevocations-in-0}); a second writer instance in it must make the
 * command refuse, and a replay must cost Google nothing, since every change it re-reads is already written.
 */
@WithSystemStack
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReplayIT {

    private static final String WRITER = Service.CALENDAR_WRITER.moduleName();
    private static final String ALICE = "alice@example.com";
    private static final Duration COMMAND_WITHIN = Duration.ofMinutes(3);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    static FeedServer publisher;
    static String calendar;
    static final List<String> EVENTS = List.of("Standup", "Design review", "Demo");

    /** Something to replay: Alice's feed, written into Google, and the writer's group at the topic's end. */
    @BeforeAll
    static void aFeedWrittenIntoGoogle(SystemStack stack) throws Exception {
        publisher = FeedServer.start();
        Person alice = Person.connect(stack, ALICE);
        calendar = "replayed-" + UUID.randomUUID();
        alice.addFeed(publisher.publish(calendar, FeedServer.simpleFeed(calendar, EVENTS)), calendar);
        GoogleEmulatorAdmin google = new GoogleEmulatorAdmin(stack.emulatorUrl());
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                .until(() -> google.liveEventSummaries(ALICE, calendar), EVENTS.stream().sorted().toList()::equals);
        try (ConsumerGroups groups = new ConsumerGroups(stack)) {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                    .until(() -> groups.lag(WRITER, Topics.EVENT_CHANGED) == 0);
        }
    }

    @AfterAll
    static void stopThePublisher() {
        if (publisher != null) {
            publisher.close();
        }
    }

    @Test
    @Order(1)
    void aSecondWriterInTheGroupMakesTheReplayRefuseNamingItAndNothingIsReset(SystemStack stack) throws Exception {
        String second = WRITER + "-2";
        stack.startAnother(Service.CALENDAR_WRITER, second);
        try (ConsumerGroups groups = new ConsumerGroups(stack)) {
            // both instances' consumers are in the group: 2 bindings each
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).until(() -> groups.members(WRITER).size() == 4);
            Map<Integer, Long> before = groups.committed(WRITER, Topics.EVENT_CHANGED);
            Set<String> membersBefore = memberIds(groups.members(WRITER));

            CalsyncScript.Result result = replay(stack, "--to-earliest");

            assertThat(result.exitCode()).as("%s", result).isEqualTo(1);
            assertThat(result.err()).as("%s", result)
                    .contains("refused", "another instance", "still in the consumer group " + WRITER, "client id consumer-", "on host /127.0.0.1")
                    .contains("Nothing was reset");
            assertThat(result.out()).as("no plan without the group to itself").doesNotContain("NEW-OFFSET");
            assertThat(groups.committed(WRITER, Topics.EVENT_CHANGED)).isEqualTo(before);
            assertThat(bindingStates(stack.managementUrl(Service.CALENDAR_WRITER))).as("the pointed-at instance's bindings run again")
                    .containsEntry("eventChanges-in-0", "running").containsEntry("tokenRevocations-in-0", "running");
            // the first instance's consumers were closed and opened again (new member ids); the second's kept theirs:
            // exactly those must be the ones named
            Set<String> membersAfter = memberIds(groups.members(WRITER));
            Set<String> secondInstance = new TreeSet<>(membersBefore);
            secondInstance.retainAll(membersAfter);
            Set<String> firstInstance = new TreeSet<>(membersBefore);
            firstInstance.removeAll(membersAfter);
            assertThat(secondInstance).hasSize(2);
            assertThat(firstInstance).hasSize(2);
            secondInstance.forEach(member -> assertThat(result.err()).contains("(member " + member + ")"));
            firstInstance.forEach(member -> assertThat(result.err()).doesNotContain(member));
            assertNoSecretIn(stack, result);
        } finally {
            stack.stopAnother(second);
        }
    }

    @Test
    @Order(2)
    void aDryRunPrintsThePlanAndChangesNothing(SystemStack stack) throws Exception {
        try (ConsumerGroups groups = new ConsumerGroups(stack)) {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).until(() -> groups.members(WRITER).size() == 2);
            Map<Integer, Long> before = groups.committed(WRITER, Topics.EVENT_CHANGED);

            CalsyncScript.Result result = replay(stack, "--to-earliest", "--dry-run");

            assertThat(result.exitCode()).as("%s", result).isZero();
            assertThat(result.out()).contains("PARTITION", "CURRENT-OFFSET", "NEW-OFFSET", "RECORDS-REREAD", "dry run: no offset was changed")
                    .containsPattern("group calendar-writer-service re-reads ([3-9]|\\d\\d+) record\\(s\\) of calsync.event-changed.v1");
            assertThat(groups.committed(WRITER, Topics.EVENT_CHANGED)).isEqualTo(before);
            assertThat(bindingStates(stack.managementUrl(Service.CALENDAR_WRITER)))
                    .containsEntry("eventChanges-in-0", "running").containsEntry("tokenRevocations-in-0", "running");
            assertNoSecretIn(stack, result);
        }
    }

    @Test
    @Order(3)
    void aReplayOfEveryChangeMakesNoGoogleCallAndCatchesUp(SystemStack stack) throws Exception {
        GoogleEmulatorAdmin google = new GoogleEmulatorAdmin(stack.emulatorUrl());
        google.clearCalls();

        CalsyncScript.Result result = replay(stack, "--to-earliest");

        assertThat(result.exitCode()).as("%s", result).isZero();
        assertThat(result.out()).contains("offsets of calendar-writer-service reset", "started eventChanges-in-0 again",
                "started tokenRevocations-in-0 again", "(lag 0)");
        // the command returned once the group had committed every record it re-read: the writer has seen them all
        assertThat(google.calls()).as("Google calls of the replay").isEmpty();
        assertThat(google.liveEventSummaries(ALICE, calendar)).as("no event twice").isEqualTo(EVENTS.stream().sorted().toList());
        try (ConsumerGroups groups = new ConsumerGroups(stack)) {
            assertThat(groups.lag(WRITER, Topics.EVENT_CHANGED)).isZero();
        }
        assertNoSecretIn(stack, result);
    }

    @Test
    @Order(4)
    void aWrongTopicTargetOrServiceIsRefused(SystemStack stack) {
        CalsyncScript.Result wrongTopic = new CalsyncScript(stack).run(COMMAND_WITHIN, "replay", "--service", WRITER,
                "--topic", Topics.FEED_SUBSCRIPTION, "--to-earliest", "--management-url", stack.managementUrl(Service.CALENDAR_WRITER).toString());
        assertThat(wrongTopic.exitCode()).as("%s", wrongTopic).isEqualTo(1);
        assertThat(wrongTopic.err()).contains("does not read " + Topics.FEED_SUBSCRIPTION);

        CalsyncScript.Result noTarget = new CalsyncScript(stack).run(COMMAND_WITHIN, "replay", "--service", WRITER,
                "--topic", Topics.EVENT_CHANGED);
        assertThat(noTarget.exitCode()).as("%s", noTarget).isEqualTo(2);
        assertThat(noTarget.err()).contains("give exactly one of --to-earliest, --to-datetime, --by-duration", "usage:");

        CalsyncScript.Result unknownService = new CalsyncScript(stack).run(COMMAND_WITHIN, "replay", "--service", "calendar-service",
                "--topic", Topics.EVENT_CHANGED, "--to-earliest");
        assertThat(unknownService.exitCode()).as("%s", unknownService).isEqualTo(1);
        assertThat(unknownService.err()).contains("unknown service calendar-service");
    }

    private static Set<String> memberIds(Collection<MemberDescription> members) {
        return members.stream().map(MemberDescription::consumerId).collect(Collectors.toCollection(TreeSet::new));
    }

    private static CalsyncScript.Result replay(SystemStack stack, String... options) {
        List<String> arguments = new java.util.ArrayList<>(List.of("replay", "--service", WRITER, "--topic", Topics.EVENT_CHANGED,
                "--management-url", stack.managementUrl(Service.CALENDAR_WRITER).toString()));
        arguments.addAll(List.of(options));
        return new CalsyncScript(stack).run(COMMAND_WITHIN, arguments.toArray(String[]::new));
    }

    /** Binding name → state, as {@code GET /actuator/bindings} lists them (open to read). */
    private static Map<String, String> bindingStates(URI management) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(management.resolve("/actuator/bindings")).build(),
                HttpResponse.BodyHandlers.ofString());
        Map<String, String> states = new TreeMap<>();
        for (JsonNode binding : JSON.readTree(response.body())) {
            states.put(binding.path("bindingName").asText(), binding.path("state").asText());
        }
        return states;
    }

    private static void assertNoSecretIn(SystemStack stack, CalsyncScript.Result result) {
        assertThat(result.out() + result.err()).doesNotContain(stack.serviceCredential());
    }
}
