package dev.calsync.feedingest.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doCallRealMethod;
import static org.mockito.Mockito.doThrow;

import com.google.crypto.tink.HybridEncrypt;
import dev.calsync.contracts.CalsyncEvent;
import dev.calsync.contracts.ContractJson;
import dev.calsync.contracts.Topics;
import dev.calsync.contracts.event.ChangeType;
import dev.calsync.contracts.event.EventChanged;
import dev.calsync.contracts.event.EventStatus;
import dev.calsync.contracts.event.EventTime;
import dev.calsync.contracts.event.NormalizedEvent;
import dev.calsync.contracts.feed.FeedSubscription;
import dev.calsync.contracts.resync.ResyncReason;
import dev.calsync.contracts.resync.ResyncRequested;
import dev.calsync.contracts.feed.SubscriptionAction;
import dev.calsync.contracts.status.SyncOutcome;
import dev.calsync.contracts.status.SyncStage;
import dev.calsync.contracts.status.SyncCounts;
import dev.calsync.contracts.status.SyncStatus;
import dev.calsync.contracts.token.RevocationReason;
import dev.calsync.contracts.token.TokenGranted;
import dev.calsync.contracts.token.TokenRevoked;
import dev.calsync.feedingest.GeneratedFeed;
import dev.calsync.feedingest.diff.SnapshotRepository;
import dev.calsync.feedingest.feed.FeedRepository;
import dev.calsync.feedingest.schedule.FeedLeases;
import dev.calsync.feedingest.web.FeedApiLimits;
import dev.calsync.secrets.SecretName;
import dev.calsync.secrets.SealedForSubscriber;
import dev.calsync.secrets.SecretStore;
import dev.calsync.secrets.TinkKeysets;
import dev.calsync.testsupport.CalsyncServiceTest;
import dev.calsync.testsupport.KafkaBroker;
import dev.calsync.testsupport.ManagementPort;
import dev.calsync.testsupport.TopicRecords;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.http.HttpHeaders;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The service end to end against a real broker and PostgreSQL, with feeds served by a local HTTP
 * server: subscriptions and grants arrive on Kafka, changes and statuses are read from Kafka.
 */
@CalsyncServiceTest(properties = {
    "calsync.feed-ingest.allow-loopback=true",
    "calsync.feed-ingest.poll-every=PT0.2S",
    "calsync.feed-ingest.jitter=PT0S",
    "calsync.feed-ingest.fetch-interval=PT1H",
    "calsync.feed-ingest.lease=PT30S",
})
class FeedIngestFlowIT {

    static FeedServer server;
    static OutputTopics output;

    @Autowired
    WebTestClient http;
    @LocalManagementPort
    int managementPort;
    @Autowired
    SecretStore secrets;
    @Autowired
    FeedLeases leases;
    @Autowired
    FeedRepository feeds;
    @Autowired
    dev.calsync.feedingest.grant.GrantRepository grants;
    @Autowired
    FeedApiLimits limits;
    /** {@link #http} presenting the service credential, as the API's callers do. */
    WebTestClient api;
    // a context of its own: fast polling (above) and this spy, which the startup test's context has not
    @MockitoSpyBean
    SnapshotRepository snapshots;

    @BeforeAll
    static void start(KafkaBroker kafka) throws Exception {
        server = new FeedServer();
        output = new OutputTopics(kafka);
    }

    @AfterAll
    static void stop() {
        server.close();
        output.close();
    }

    @BeforeEach
    void presentTheServiceCredential() {
        api = http.mutate().defaultHeaders(headers -> headers.setBearerAuth(secrets.read(SecretName.SERVICE_CREDENTIAL))).build();
    }

    /** A subscriber with a grant, whose feed {@code path} is subscribed. */
    record Subscriber(String subscriberId, UUID grantId, String feedId, String path) {
    }

    Subscriber subscribed(KafkaBroker kafka, String path, FeedServer.Answer answer) throws Exception {
        server.serve(path, answer);
        String subscriberId = "sub-" + UUID.randomUUID();
        UUID grantId = UUID.randomUUID();
        String feedId = "feed-" + UUID.randomUUID();
        send(kafka, Topics.TOKEN_GRANTED, grant(subscriberId, grantId, Instant.now()));
        send(kafka, Topics.FEED_SUBSCRIPTION, subscription(subscriberId, feedId, server.url(path)));
        return new Subscriber(subscriberId, grantId, feedId, path);
    }

    @Test
    void aGoogleExportBecomesOrderedUpsertsWithGrantAndNameAndAnIdenticalRefetchEmitsNothing(KafkaBroker kafka) throws Exception {
        Subscriber s = subscribed(kafka, "/google.ics", FeedServer.Answer.ics(corpus("google-export")));

        SyncStatus first = output.awaitStatuses(s.feedId(), 1).get(0);
        assertThat(first.stage()).isEqualTo(SyncStage.EMIT);
        assertThat(first.outcome()).isEqualTo(SyncOutcome.SUCCESS);
        assertThat(first.counts().added()).isEqualTo(5);
        List<EventChanged> changes = output.changesOf(s.feedId());
        // the series and the singles first, then the overrides; the cancelled single was never live: nothing
        assertThat(changes).extracting(c -> c.uid() + "|" + (c.recurrenceId() == null ? "" : c.recurrenceId().canonical()))
                .containsExactly("call-1@google.com|", "holidays-1@google.com|", "standup-1@google.com|",
                        "standup-1@google.com|Europe/Berlin:20261209T090000", "standup-1@google.com|Europe/Berlin:20261216T090000");
        assertThat(changes).allSatisfy(c -> {
            assertThat(c.changeType()).isEqualTo(ChangeType.UPSERT);
            assertThat(c.grantId()).isEqualTo(s.grantId());
            assertThat(c.feedDisplayName()).isEqualTo("Feed " + s.path());
            assertThat(c.resync()).isFalse();
        });
        assertThat(changes.get(4).event().status()).as("a cancelled occurrence cancels that instance").isEqualTo(EventStatus.CANCELLED);
        assertThat(changes).extracting(EventChanged::version).isSorted().doesNotHaveDuplicates();

        refresh(s);
        SyncStatus second = output.awaitStatuses(s.feedId(), 2).get(1);
        assertThat(second.counts().unchanged()).isEqualTo(5);
        assertThat(output.changesOf(s.feedId())).hasSize(5);

        String metrics = ManagementPort.client(managementPort).get().uri("/actuator/prometheus").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(metrics).contains("calsync_feed_fetches_total{application=\"feed-ingest-service\",outcome=\"fetched\"}")
                .contains("calsync_feed_changes_total");
    }

    @Test
    void oneChangedAndOneRemovedEventOfAThousandEmitExactlyOneChangeEach(KafkaBroker kafka) throws Exception {
        Subscriber s = subscribed(kafka, "/thousand.ics", FeedServer.Answer.ics(GeneratedFeed.of(1000)));
        output.awaitStatuses(s.feedId(), 1);
        int initial = output.changesOf(s.feedId()).size();
        assertThat(initial).isEqualTo(1025); // 1000 events and 25 moved occurrences
        long highest = output.changesOf(s.feedId()).stream().mapToLong(EventChanged::version).max().orElseThrow();

        server.serve(s.path(), FeedServer.Answer.ics(GeneratedFeed.of(1000, 7, Set.of())));
        refresh(s);
        output.awaitStatuses(s.feedId(), 2);
        List<EventChanged> afterChange = output.changesOf(s.feedId()).subList(initial, output.changesOf(s.feedId()).size());
        assertThat(afterChange).singleElement().satisfies(c -> {
            assertThat(c.changeType()).isEqualTo(ChangeType.UPSERT);
            assertThat(c.uid()).isEqualTo("gen-7@calsync.test");
            assertThat(c.event().summary()).startsWith("Changed meeting 7");
            assertThat(c.version()).isGreaterThan(highest);
        });

        server.serve(s.path(), FeedServer.Answer.ics(GeneratedFeed.of(1000, 7, Set.of(11))));
        refresh(s);
        output.awaitStatuses(s.feedId(), 3);
        List<EventChanged> afterRemoval = output.changesOf(s.feedId()).subList(initial + 1, output.changesOf(s.feedId()).size());
        assertThat(afterRemoval).singleElement().satisfies(c -> {
            assertThat(c.changeType()).isEqualTo(ChangeType.DELETE);
            assertThat(c.uid()).isEqualTo("gen-11@calsync.test");
        });
    }

    @Test
    void notModifiedCostsNoParseAndEmitsNothing(KafkaBroker kafka) throws Exception {
        Subscriber s = subscribed(kafka, "/etag.ics", FeedServer.Answer.ics(corpus("outlook-export")).withEtag("\"v1\""));
        output.awaitStatuses(s.feedId(), 1);
        int emitted = output.changesOf(s.feedId()).size();
        assertThat(emitted).isEqualTo(3);

        refresh(s);
        SyncStatus notModified = output.awaitStatuses(s.feedId(), 2).get(1);
        assertThat(notModified.stage()).isEqualTo(SyncStage.FETCH);
        assertThat(notModified.outcome()).isEqualTo(SyncOutcome.SUCCESS);
        assertThat(output.changesOf(s.feedId())).hasSize(emitted);
    }

    @Test
    void aFeedThatSuddenlyHasNoEventsDeletesNothingAndIsReportedSuspect(KafkaBroker kafka) throws Exception {
        Subscriber s = subscribed(kafka, "/shrinking.ics", FeedServer.Answer.ics(GeneratedFeed.of(40)));
        output.awaitStatuses(s.feedId(), 1);
        int emitted = output.changesOf(s.feedId()).size();

        server.serve(s.path(), FeedServer.Answer.ics(GeneratedFeed.of(0)));
        refresh(s);
        SyncStatus suspect = output.awaitStatuses(s.feedId(), 2).get(1);
        assertThat(suspect.outcome()).isEqualTo(SyncOutcome.SUSPECT);
        assertThat(suspect.lastError()).contains("no events").contains("nothing was deleted");

        server.serve(s.path(), FeedServer.Answer.ics(GeneratedFeed.of(40, -1, Set.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21))));
        refresh(s);
        SyncStatus halved = output.awaitStatuses(s.feedId(), 3).get(2);
        assertThat(halved.outcome()).isEqualTo(SyncOutcome.SUSPECT);
        assertThat(output.changesOf(s.feedId())).hasSize(emitted);
    }

    @Test
    void aFeedReadLenientlyIsASuccessWithItsRulesAndOneWithSomethingLeftOutIsPartial(KafkaBroker kafka) throws Exception {
        // no VCALENDAR around it and no UID: read, with a line for each rule (docs/feeds.md)
        Subscriber s = subscribed(kafka, "/sloppy.ics", FeedServer.Answer.ics(String.join("\r\n",
                "BEGIN:VEVENT", "DTSTART:20261201T120000Z", "SUMMARY:Lunch", "END:VEVENT", "")));
        assertThat(output.awaitStatuses(s.feedId(), 1).get(0)).satisfies(status -> {
            assertThat(status.stage()).isEqualTo(SyncStage.EMIT);
            assertThat(status.outcome()).isEqualTo(SyncOutcome.SUCCESS);
            assertThat(status.counts().added()).isEqualTo(1);
            assertThat(status.lastError()).isNull();
            assertThat(status.warnings()).containsExactly("VEVENT (line 1) outside any VCALENDAR: read as part of the calendar",
                    "VEVENT 'Lunch' (line 1) without UID: identity derived from its content");
        });

        server.serve(s.path(), FeedServer.Answer.ics(corpus("broken-components")));
        refresh(s);
        assertThat(output.awaitStatuses(s.feedId(), 2).get(1)).satisfies(status -> {
            assertThat(status.outcome()).isEqualTo(SyncOutcome.PARTIAL);
            assertThat(status.counts().failed()).isEqualTo(3);
            assertThat(status.warnings()).contains("VEVENT 'Ends before it starts' (line 20) skipped: ends before it starts",
                    "VEVENT 'No UID' (line 26) without UID: identity derived from its content");
        });
    }

    @Test
    void brokenFeedsAreAClearStatusAndDeleteNothing(KafkaBroker kafka) throws Exception {
        Subscriber s = subscribed(kafka, "/breaking.ics", FeedServer.Answer.ics(corpus("google-export")));
        output.awaitStatuses(s.feedId(), 1);
        int emitted = output.changesOf(s.feedId()).size();
        String whole = corpus("google-export");

        server.serve(s.path(), FeedServer.Answer.ics(whole.substring(0, whole.length() / 2)));
        refresh(s);
        assertThat(output.awaitStatuses(s.feedId(), 2).get(1)).satisfies(status -> {
            assertThat(status.stage()).isEqualTo(SyncStage.PARSE);
            assertThat(status.outcome()).isEqualTo(SyncOutcome.FAILED);
        });

        byte[] garbage = new byte[4096];
        new java.util.Random(7).nextBytes(garbage);
        server.serve(s.path(), new FeedServer.Answer(200, garbage, null, null, 0));
        refresh(s);
        assertThat(output.awaitStatuses(s.feedId(), 3).get(2).stage()).isEqualTo(SyncStage.PARSE);

        server.serve(s.path(), new FeedServer.Answer(200, new byte[0], null, null, 100L * 1024 * 1024));
        refresh(s);
        assertThat(output.awaitStatuses(s.feedId(), 4).get(3)).satisfies(status -> {
            assertThat(status.stage()).isEqualTo(SyncStage.FETCH);
            assertThat(status.outcome()).isEqualTo(SyncOutcome.FAILED);
            assertThat(status.lastError()).contains("larger than 20 MB");
        });

        server.serve(s.path(), new FeedServer.Answer(302, new byte[0], null, "http://169.254.169.254/latest/meta-data/", 0));
        refresh(s);
        assertThat(output.awaitStatuses(s.feedId(), 5).get(4).lastError())
                .contains("refused").contains("169.254.169.254").doesNotContain("/latest/meta-data");

        server.serve(s.path(), new FeedServer.Answer(500, new byte[0], null, null, 0));
        refresh(s);
        assertThat(output.awaitStatuses(s.feedId(), 6).get(5).lastError()).contains("HTTP 500");
        assertThat(output.changesOf(s.feedId())).hasSize(emitted);
    }

    @Test
    void aCrashBetweenPublishAndCommitReEmitsWithHigherVersions(KafkaBroker kafka) throws Exception {
        // the first commit with changes fails as a crash would: everything was sent, nothing committed
        doThrow(new IllegalStateException("simulated crash before commit")).doCallRealMethod()
                .when(snapshots).commit(anyString(), anyString(), argThat(list -> list != null && !list.isEmpty()), any());
        Subscriber s = subscribed(kafka, "/crash.ics", FeedServer.Answer.ics(corpus("apple-export")));
        output.awaitStatuses(s.feedId(), 1);
        List<EventChanged> all = output.changesOf(s.feedId());
        assertThat(all).hasSize(4);
        List<EventChanged> first = all.subList(0, 2);
        List<EventChanged> again = all.subList(2, 4);
        assertThat(again).extracting(EventChanged::uid).containsExactlyElementsOf(first.stream().map(EventChanged::uid).toList());
        assertThat(again.get(0).version()).isGreaterThan(first.get(1).version());
    }

    @Test
    void aRevokedGrantPausesTheFeedAndANewGrantResyncsIt(KafkaBroker kafka) throws Exception {
        Subscriber s = subscribed(kafka, "/revoked.ics", FeedServer.Answer.ics(corpus("outlook-export")));
        output.awaitStatuses(s.feedId(), 1);
        int requests = server.requests(s.path());

        send(kafka, Topics.TOKEN_REVOKED, new TokenRevoked(s.subscriberId(), s.grantId(), RevocationReason.USER_DISCONNECT, Instant.now()));
        awaitPaused(s.feedId(), true);
        api.post().uri("/api/feeds/{id}/refresh", s.feedId()).exchange().expectStatus().isEqualTo(409);
        awaitASchedulerRun(kafka);
        assertThat(server.requests(s.path())).as("no fetch without a grant").isEqualTo(requests);

        // a replayed grant of the revoked grant changes nothing
        send(kafka, Topics.TOKEN_GRANTED, grant(s.subscriberId(), s.grantId(), Instant.now().minusSeconds(60)));
        UUID newGrant = UUID.randomUUID();
        send(kafka, Topics.TOKEN_GRANTED, grant(s.subscriberId(), newGrant, Instant.now()));
        List<SyncStatus> statuses = output.awaitStatuses(s.feedId(), 2);
        List<EventChanged> resynced = output.changesOf(s.feedId()).subList(3, 6);
        assertThat(resynced).allSatisfy(c -> {
            assertThat(c.resync()).isTrue();
            assertThat(c.grantId()).isEqualTo(newGrant);
        });
        assertThat(statuses.get(1).outcome()).isEqualTo(SyncOutcome.SUCCESS);
    }

    @Test
    void aRevocationArrivingBeforeItsGrantKeepsTheSubscriberPaused(KafkaBroker kafka) throws Exception {
        server.serve("/revoked-first.ics", FeedServer.Answer.ics(corpus("outlook-export")));
        String subscriberId = "sub-" + UUID.randomUUID();
        UUID grantId = UUID.randomUUID();
        String feedId = "feed-" + UUID.randomUUID();
        send(kafka, Topics.TOKEN_REVOKED, new TokenRevoked(subscriberId, grantId, RevocationReason.USER_DISCONNECT, Instant.now()));
        awaitStoredGrant(subscriberId);
        send(kafka, Topics.TOKEN_GRANTED, grant(subscriberId, grantId, Instant.now().minusSeconds(60)));
        send(kafka, Topics.FEED_SUBSCRIPTION, subscription(subscriberId, feedId, server.url("/revoked-first.ics")));
        awaitPaused(feedId, true);
        awaitConsumedByTheService(kafka, Topics.FEED_SUBSCRIPTION);
        awaitASchedulerRun(kafka);

        assertThat(server.requests("/revoked-first.ics")).as("no fetch for a grant revoked before it arrived").isZero();
        assertThat(feeds.find(feedId)).hasValueSatisfying(feed -> assertThat(feed.paused()).isTrue());
        assertThat(grants.current(subscriberId)).hasValueSatisfying(stored -> {
            assertThat(stored.grantId()).isEqualTo(grantId);
            assertThat(stored.revoked()).isTrue();
        });
        assertThat(output.changesOf(feedId)).isEmpty();
    }

    @Test
    void anOlderGrantArrivingAfterANewerOneLeavesTheNewerCurrent(KafkaBroker kafka) throws Exception {
        Subscriber s = subscribed(kafka, "/older-grant.ics", FeedServer.Answer.ics(GeneratedFeed.of(3)));
        output.awaitStatuses(s.feedId(), 1);
        int initial = output.changesOf(s.feedId()).size();

        send(kafka, Topics.TOKEN_GRANTED, grant(s.subscriberId(), UUID.randomUUID(), Instant.now().minusSeconds(3600)));
        awaitConsumedByTheService(kafka, Topics.TOKEN_GRANTED);
        assertThat(grants.current(s.subscriberId())).hasValueSatisfying(stored -> {
            assertThat(stored.grantId()).isEqualTo(s.grantId());
            assertThat(stored.revoked()).isFalse();
        });

        server.serve(s.path(), FeedServer.Answer.ics(GeneratedFeed.of(3, 1, Set.of())));
        refresh(s);
        output.awaitStatuses(s.feedId(), 2);
        List<EventChanged> changed = output.changesOf(s.feedId()).subList(initial, output.changesOf(s.feedId()).size());
        assertThat(changed).singleElement().satisfies(c -> assertThat(c.grantId()).isEqualTo(s.grantId()));
    }

    @Test
    void aResyncRequestNamingAnotherSubscribersFeedIsIgnored(KafkaBroker kafka) throws Exception {
        Subscriber owner = subscribed(kafka, "/owned.ics", FeedServer.Answer.ics(corpus("outlook-export")));
        Subscriber other = subscribed(kafka, "/other.ics", FeedServer.Answer.ics(corpus("apple-export")));
        output.awaitStatuses(owner.feedId(), 1);
        output.awaitStatuses(other.feedId(), 1);
        int ownerChanges = output.changesOf(owner.feedId()).size();
        int otherChanges = output.changesOf(other.feedId()).size();

        send(kafka, Topics.RESYNC_REQUESTED, new ResyncRequested(other.subscriberId(), owner.feedId(), ResyncReason.CALENDAR_RECREATED,
                Instant.now()));
        // the same key, so handled after the foreign one: once this resync is out, the foreign one was seen
        send(kafka, Topics.RESYNC_REQUESTED, new ResyncRequested(other.subscriberId(), other.feedId(), ResyncReason.CALENDAR_RECREATED,
                Instant.now()));
        output.awaitStatuses(other.feedId(), 2);
        assertThat(feeds.find(owner.feedId())).hasValueSatisfying(feed -> assertThat(feed.resyncRequested()).isFalse());
        awaitASchedulerRun(kafka);

        assertThat(output.changesOf(other.feedId())).hasSize(2 * otherChanges);
        assertThat(output.changesOf(owner.feedId())).as("no resync of a feed of another subscriber").hasSize(ownerChanges);
        assertThat(output.statusesOf(owner.feedId())).hasSize(1);
    }

    @Test
    void resyncOverHttpReEmitsEveryEventAndUnsubscribingEndsWithFeedRemoved(KafkaBroker kafka) throws Exception {
        Subscriber s = subscribed(kafka, "/resync.ics", FeedServer.Answer.ics(corpus("google-export")));
        output.awaitStatuses(s.feedId(), 1);
        List<EventChanged> first = output.changesOf(s.feedId());

        api.post().uri("/api/feeds/{id}/resync", s.feedId()).exchange().expectStatus().isAccepted();
        output.awaitStatuses(s.feedId(), 2);
        List<EventChanged> resynced = output.changesOf(s.feedId()).subList(first.size(), output.changesOf(s.feedId()).size());
        assertThat(resynced).hasSameSizeAs(first).allSatisfy(c -> assertThat(c.resync()).isTrue());
        assertThat(resynced.get(0).version()).isGreaterThan(first.get(first.size() - 1).version());
        assertThat(resynced).extracting(EventChanged::contentHash)
                .containsExactlyInAnyOrderElementsOf(first.stream().map(EventChanged::contentHash).toList());
        // a feed that never lost an event: its upserts again, in the same order, as one run of them all
        assertThat(resynced).extracting(Sent::of).containsExactlyElementsOf(first.stream().map(Sent::of).toList());
        assertThat(resynced).allSatisfy(c -> {
            assertThat(c.runId()).isEqualTo(resynced.get(0).version());
            assertThat(c.runSize()).isEqualTo(first.size());
        });

        api.post().uri("/api/feeds/{id}/resync", "no-such-feed").exchange().expectStatus().isNotFound();

        // the writer's request on the topic, for every feed of the subscriber
        send(kafka, Topics.RESYNC_REQUESTED, new ResyncRequested(s.subscriberId(), null, ResyncReason.CALENDAR_RECREATED, Instant.now()));
        // not the third status: the fetch that follows the HTTP resync (the request made the feed due) may be it
        output.awaitChanges(s.feedId(), 3 * first.size());
        List<EventChanged> byTopic = output.changesOf(s.feedId()).subList(2 * first.size(), output.changesOf(s.feedId()).size());
        assertThat(byTopic).hasSameSizeAs(first).allSatisfy(c -> assertThat(c.resync()).isTrue());

        send(kafka, Topics.FEED_SUBSCRIPTION, new FeedSubscription(s.subscriberId(), s.feedId(), SubscriptionAction.UNSUBSCRIBED,
                null, null, Instant.now()));
        List<EventChanged> all = output.awaitChange(s.feedId(), c -> c.changeType() == ChangeType.FEED_REMOVED);
        assertThat(all.get(all.size() - 1).changeType()).isEqualTo(ChangeType.FEED_REMOVED);
        assertThat(all.get(all.size() - 1).version()).isGreaterThan(all.get(all.size() - 2).version());

        // a replay of the original subscription (older than the unsubscription) does not bring the feed back
        FeedSubscription replayed = subscription(s.subscriberId(), s.feedId(), server.url(s.path()));
        send(kafka, Topics.FEED_SUBSCRIPTION, new FeedSubscription(s.subscriberId(), s.feedId(), SubscriptionAction.SUBSCRIBED,
                replayed.encryptedUrl(), replayed.displayName(), Instant.now().minusSeconds(3600)));
        awaitConsumedByTheService(kafka, Topics.FEED_SUBSCRIPTION);
        awaitASchedulerRun(kafka);
        assertThat(feeds.find(s.feedId())).hasValueSatisfying(feed -> assertThat(feed.subscribed()).isFalse());
        assertThat(output.changesOf(s.feedId())).hasSameSizeAs(all);
    }

    @Test
    void aSubscriptionWhoseUrlThisServiceCannotDecryptWaitsInTheDeadLetterTopic(KafkaBroker kafka) throws Exception {
        String subscriberId = "sub-" + UUID.randomUUID();
        send(kafka, Topics.FEED_SUBSCRIPTION, new FeedSubscription(subscriberId, "feed-undecryptable", SubscriptionAction.SUBSCRIBED,
                Base64.getEncoder().encodeToString("not a ciphertext".getBytes(StandardCharsets.UTF_8)), "Broken", Instant.now()));
        var deadLetter = TopicRecords.awaitFirstWithKey(kafka, Topics.FEED_SUBSCRIPTION + ".feed-ingest-service.dlq", subscriberId);
        assertThat(TopicRecords.header(deadLetter, "x-exception-message")).hasValueSatisfying(
                message -> assertThat(message).contains("cannot be decrypted"));
        assertThat(feeds.find("feed-undecryptable")).isEmpty();
        api.post().uri("/api/feeds/{id}/refresh", "feed-undecryptable").exchange().expectStatus().isNotFound();
    }

    @Test
    void twoInstancesClaimingAtOnceNeverGetTheSameFeed() throws Exception {
        Instant future = Instant.now().plus(Duration.ofDays(365));
        List<String> ids = new ArrayList<>();
        grants.store("lease-subscriber", UUID.randomUUID(), Instant.now(), false, Instant.now());
        for (int i = 0; i < 60; i++) {
            String feedId = "lease-" + UUID.randomUUID();
            // due only at the far-future "now" the claimers pass in, so this instance's own poller leaves them alone
            feeds.subscribe(feedId, "lease-subscriber", "Lease " + i, "unused", Instant.now(), future.minusSeconds(1));
            ids.add(feedId);
        }
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<List<String>>> rounds = new ArrayList<>();
            for (String owner : List.of("instance-a", "instance-b")) {
                Callable<List<String>> claimer = () -> {
                    List<String> mine = new ArrayList<>();
                    for (int round = 0; round < 10; round++) {
                        mine.addAll(leases.claimDue(owner, 5, future, Duration.ofMinutes(5)));
                    }
                    return mine;
                };
                rounds.add(pool.submit(claimer));
            }
            List<String> a = rounds.get(0).get();
            List<String> b = rounds.get(1).get();
            // other tests' feeds are due at that far-future time too: hand them straight back
            a.stream().filter(id -> !ids.contains(id)).forEach(id -> leases.release(id, "instance-a"));
            b.stream().filter(id -> !ids.contains(id)).forEach(id -> leases.release(id, "instance-b"));
            Set<String> union = new HashSet<>(a);
            union.addAll(b);
            assertThat(a).doesNotHaveDuplicates().doesNotContainAnyElementsOf(b);
            assertThat(b).doesNotHaveDuplicates();
            assertThat(union).containsAll(ids);
            // an expired lease is free again
            List<String> afterExpiry = leases.claimDue("instance-c", 1000, future.plus(Duration.ofMinutes(6)), Duration.ofMinutes(5));
            afterExpiry.stream().filter(id -> !ids.contains(id)).forEach(id -> leases.release(id, "instance-c"));
            assertThat(afterExpiry).containsAll(ids);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aResyncReSendsAnEventThatLeftTheFeedAsADeleteInTheSameRunAndKeepsItATombstone(KafkaBroker kafka) throws Exception {
        Subscriber s = subscribed(kafka, "/resync-deleted.ics", FeedServer.Answer.ics(GeneratedFeed.of(3)));
        output.awaitStatuses(s.feedId(), 1);
        List<EventChanged> added = output.changesOf(s.feedId());
        assertThat(added).hasSize(4); // gen-2 is a series with a moved occurrence
        server.serve(s.path(), FeedServer.Answer.ics(GeneratedFeed.of(3, -1, Set.of(2))));
        refresh(s);
        output.awaitStatuses(s.feedId(), 2);
        List<EventChanged> deleted = output.changesOf(s.feedId()).subList(added.size(), output.changesOf(s.feedId()).size());
        assertThat(deleted).extracting(c -> c.changeType() + " " + c.uid() + " " + (c.recurrenceId() != null))
                .containsExactly("DELETE gen-2@calsync.test true", "DELETE gen-2@calsync.test false");
        List<Sent> expected = new ArrayList<>(added.stream().filter(c -> !c.uid().equals("gen-2@calsync.test")).map(Sent::of).toList());
        deleted.stream().map(Sent::of).forEach(expected::add);

        List<EventChanged> resynced = resynced(s, 4);
        // the live ones as upserts, then the deleted ones exactly as the fetch deleted them: no body, no hash
        assertThat(resynced).extracting(Sent::of).containsExactlyElementsOf(expected);
        assertThat(resynced).extracting(EventChanged::changeType)
                .containsExactly(ChangeType.UPSERT, ChangeType.UPSERT, ChangeType.DELETE, ChangeType.DELETE);
        assertThat(resynced.get(0).version()).isGreaterThan(deleted.get(1).version());
        assertOneResyncRun(resynced, s);
        // the resync's status: the feed holds 2 events; nothing left it now
        assertThat(output.awaitStatuses(s.feedId(), 3).get(2).counts()).isEqualTo(new SyncCounts(0, 0, 0, 2, 0));
        // the snapshot keeps the deleted ones as tombstones, under the versions just sent
        assertThat(snapshots.load(s.feedId())).extracting(e -> e.uid() + " " + e.recurrenceKey().isEmpty() + " " + e.deleted()
                        + " " + (e.eventJson() != null) + " " + e.version())
                .containsExactlyInAnyOrderElementsOf(resynced.stream().map(c -> c.uid() + " " + (c.recurrenceId() == null) + " "
                        + (c.changeType() == ChangeType.DELETE) + " " + (c.event() != null) + " " + c.version()).toList());

        List<EventChanged> again = resynced(s, 4);
        assertThat(again).extracting(Sent::of).containsExactlyElementsOf(expected);
        assertThat(again.get(0).version()).isGreaterThan(resynced.get(3).version());
        assertOneResyncRun(again, s);
    }

    /** What a change says about its event: all but the version, run and time each emission gives it anew. */
    record Sent(ChangeType type, String uid, EventTime recurrenceId, String contentHash, NormalizedEvent event) {
        static Sent of(EventChanged change) {
            return new Sent(change.changeType(), change.uid(), change.recurrenceId(), change.contentHash(), change.event());
        }
    }

    /** Asks for a resync over HTTP; returns its {@code count} changes once its snapshot is committed. */
    private List<EventChanged> resynced(Subscriber s, int count) {
        int before = output.changesOf(s.feedId()).size();
        api.post().uri("/api/feeds/{id}/resync", s.feedId()).exchange().expectStatus().isAccepted();
        await().atMost(Duration.ofSeconds(30)).alias("the resync of " + s.feedId() + " committed")
                .until(() -> feeds.find(s.feedId()).map(feed -> !feed.resyncRequested()).orElse(false));
        return output.awaitChanges(s.feedId(), before + count).subList(before, before + count);
    }

    /** Every change flagged resync, for the subscriber's grant, with new ascending versions, as one run of them all. */
    private static void assertOneResyncRun(List<EventChanged> changes, Subscriber s) {
        assertThat(changes).extracting(EventChanged::version).isSorted().doesNotHaveDuplicates();
        assertThat(changes).allSatisfy(c -> {
            assertThat(c.resync()).isTrue();
            assertThat(c.grantId()).isEqualTo(s.grantId());
            assertThat(c.runId()).isEqualTo(changes.get(0).version());
            assertThat(c.runSize()).isEqualTo(changes.size());
        });
    }

    @Test
    void refreshAndResyncAreOnlyForCallersWithTheServiceCredential(KafkaBroker kafka) throws Exception {
        Subscriber s = fetchedOnce(kafka, "/internal-api.ics");

        for (String action : List.of("refresh", "resync")) {
            http.post().uri("/api/feeds/{id}/" + action, s.feedId()).exchange()
                    .expectStatus().isUnauthorized().expectHeader().valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
            http.post().uri("/api/feeds/{id}/" + action, s.feedId())
                    .headers(headers -> headers.setBearerAuth(secrets.read(SecretName.SERVICE_CREDENTIAL) + "x")).exchange()
                    .expectStatus().isUnauthorized();
        }
        // a request is handled before it is answered: had a refused resync got through, it would show here at once
        assertThat(feeds.find(s.feedId())).hasValueSatisfying(feed -> assertThat(feed.resyncRequested()).isFalse());

        refresh(s);
        api.post().uri("/api/feeds/{id}/resync", s.feedId()).exchange().expectStatus().isAccepted();
    }

    @Test
    void eachFeedIsRefreshedAndResyncedOnlySoOftenWhileOtherFeedsStillAreAccepted(KafkaBroker kafka) throws Exception {
        Subscriber busy = fetchedOnce(kafka, "/limited-busy.ics");
        Subscriber other = fetchedOnce(kafka, "/limited-other.ics");

        for (int i = 0; i < limits.refreshesPerFeed(); i++) {
            refresh(busy);
        }
        assertLimited(busy, "refresh");
        refresh(other);

        for (int i = 0; i < limits.resyncsPerFeed(); i++) {
            api.post().uri("/api/feeds/{id}/resync", busy.feedId()).exchange().expectStatus().isAccepted();
        }
        assertLimited(busy, "resync");
        api.post().uri("/api/feeds/{id}/resync", other.feedId()).exchange().expectStatus().isAccepted();
    }

    /** A subscribed feed of the Google export, once its first fetch is through (so the API knows it). */
    private Subscriber fetchedOnce(KafkaBroker kafka, String path) throws Exception {
        Subscriber s = subscribed(kafka, path, FeedServer.Answer.ics(corpus("google-export")));
        output.awaitStatuses(s.feedId(), 1);
        return s;
    }

    private void assertLimited(Subscriber s, String action) {
        api.post().uri("/api/feeds/{id}/" + action, s.feedId()).exchange()
                .expectStatus().isEqualTo(429)
                .expectHeader().value(HttpHeaders.RETRY_AFTER,
                        seconds -> assertThat(Long.parseLong(seconds)).isBetween(1L, limits.window().toSeconds()));
    }

    private void refresh(Subscriber s) {
        api.post().uri("/api/feeds/{id}/refresh", s.feedId()).exchange().expectStatus().isAccepted();
    }

    private void awaitPaused(String feedId, boolean paused) {
        await().atMost(Duration.ofSeconds(30)).alias("feed " + feedId + " paused=" + paused)
                .until(() -> feeds.find(feedId).map(f -> f.paused() == paused).orElse(false));
    }

    private void awaitStoredGrant(String subscriberId) {
        await().atMost(Duration.ofSeconds(30)).alias("a grant stored for " + subscriberId)
                .until(() -> grants.current(subscriberId).isPresent());
    }

    /** Every record on {@code topic} so far has been handled by the service (its group's committed offsets). */
    private static void awaitConsumedByTheService(KafkaBroker kafka, String topic) throws Exception {
        TopicRecords.awaitConsumed(kafka, "feed-ingest-service", topic, Duration.ofSeconds(30));
    }

    /**
     * The positive signal a "nothing was fetched or emitted" assertion waits for: a sentinel feed subscribed
     * now is fetched and reported, so the scheduler has claimed what was due since, and every change published
     * before the sentinel's status has been read.
     */
    private void awaitASchedulerRun(KafkaBroker kafka) throws Exception {
        Subscriber sentinel = subscribed(kafka, "/sentinel-" + UUID.randomUUID() + ".ics", FeedServer.Answer.ics(GeneratedFeed.of(1)));
        output.awaitStatuses(sentinel.feedId(), 1);
    }

    private TokenGranted grant(String subscriberId, UUID grantId, Instant grantedAt) {
        return new TokenGranted(subscriberId, grantId, grantedAt, "google-" + subscriberId, subscriberId + "@example.com",
                List.of("https://www.googleapis.com/auth/calendar.app.created"), "web-client", "ciphertext-for-token-service");
    }

    private FeedSubscription subscription(String subscriberId, String feedId, String url) throws Exception {
        HybridEncrypt encrypt = TinkKeysets.hybridEncrypt(secrets, SecretName.FEED_URL_HYBRID_PUBLIC_KEYSET);
        String encrypted = SealedForSubscriber.seal(encrypt, url, subscriberId);
        String path = url.substring(url.lastIndexOf('/'));
        return new FeedSubscription(subscriberId, feedId, SubscriptionAction.SUBSCRIBED, encrypted, "Feed " + path, Instant.now());
    }

    private static void send(KafkaBroker kafka, String topic, CalsyncEvent event) throws Exception {
        TopicRecords.send(kafka, new ProducerRecord<>(topic, event.subscriberId(), ContractJson.encode(event)));
    }

    static String corpus(String name) throws Exception {
        try (InputStream in = FeedIngestFlowIT.class.getResourceAsStream("/corpus/" + name + ".ics")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
