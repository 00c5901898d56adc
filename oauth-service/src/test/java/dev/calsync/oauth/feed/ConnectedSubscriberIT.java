package dev.calsync.oauth.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.crypto.tink.Aead;

import dev.calsync.contracts.ContractJson;
import dev.calsync.contracts.Topics;
import dev.calsync.contracts.feed.FeedSubscription;
import dev.calsync.contracts.feed.SubscriptionAction;
import dev.calsync.contracts.status.SyncCounts;
import dev.calsync.contracts.status.SyncOutcome;
import dev.calsync.contracts.status.SyncStage;
import dev.calsync.contracts.status.SyncStatus;
import dev.calsync.contracts.token.RevocationReason;
import dev.calsync.contracts.token.TokenRevoked;
import dev.calsync.oauth.OAuthServiceTestSupport;
import dev.calsync.oauth.account.Accounts;
import dev.calsync.oauth.connect.Browser;
import dev.calsync.oauth.outbox.Outbox;
import dev.calsync.secrets.SecretName;
import dev.calsync.secrets.SecretStore;
import dev.calsync.secrets.TinkKeysets;
import dev.calsync.testsupport.Infrastructure;
import dev.calsync.testsupport.KafkaBroker;
import dev.calsync.testsupport.TopicRecords;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.EntityExchangeResult;

/**
 * Items 4 and 5 for a connected person, through HTTP: feeds (validation, masked, encrypted for
 * feed-ingest, remove, sync now), the sync-status read model, "reconnect needed", disconnect — and
 * finally every record on every topic, checked for plaintext tokens and feed URLs.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConnectedSubscriberIT extends OAuthServiceTestSupport {

    private static final String SECRET_FEED = "webcal://calendar.example.com/ical/secret-token-8d7f6e5c4b3a.ics";

    @Autowired
    Accounts accounts;
    @Autowired
    Outbox outbox;
    @Autowired
    SecretStore secrets;

    Browser connected(int account) {
        return newBrowser().connect(google().account(account));
    }

    @Test
    @Order(1)
    void feedsNeedASignedInPersonAndAValidAddress() {
        Browser stranger = newBrowser();
        assertThat(stranger.post("/api/feeds", Map.of("url", SECRET_FEED)).getStatus().value()).isEqualTo(401);

        Browser browser = connected(0);
        assertError(browser.post("/api/feeds", Map.of("url", "ftp://example.com/a.ics")), "must start with https://");
        assertError(browser.post("/api/feeds", Map.of("url", "https:///a.ics")), "no host name");
        assertError(browser.post("/api/feeds", Map.of("url", "")), "Enter the feed's address");
        assertError(browser.post("/api/feeds", Map.of("url", "https://example.com/" + "a".repeat(2100))), "too long");
        assertError(browser.post("/api/feeds", Map.of("url", "https://exa mple.com/")), "not a valid web address");
    }

    @Test
    @Order(2)
    void anAddedFeedIsShownMaskedStoredEncryptedAndSubscribedForFeedIngest(Infrastructure infrastructure) throws Exception {
        Browser browser = connected(0);
        String subscriberId = (String) browser.me().get("subscriberId");
        EntityExchangeResult<Map> added = browser.post("/api/feeds", Map.of("url", SECRET_FEED, "displayName", "Team rota"));
        assertThat(added.getStatus().value()).isEqualTo(201);
        String feedId = (String) added.getResponseBody().get("id");
        assertThat(added.getResponseBody()).containsEntry("maskedUrl", "calendar.example.com/ical/…")
                .containsEntry("displayName", "Team rota");

        String list = new String(browser.get("/api/feeds").getResponseBodyContent(), StandardCharsets.UTF_8);
        assertThat(list).contains(feedId).contains("calendar.example.com/ical/…").doesNotContain("secret-token");
        SecretStore secrets = SecretStore.fromDirectory(infrastructure.secretsDir());
        Aead atRest = TinkKeysets.aead(secrets, SecretName.FEED_URL_AEAD_KEYSET);
        Map<String, Object> row = db.sql("SELECT url_ciphertext, encrypted_url FROM feed WHERE id = :id").bind("id", feedId)
                .fetch().one().block();
        byte[] stored = bytes(row.get("url_ciphertext"));
        assertThat(row.get("encrypted_url")).as("the hybrid form for feed-ingest is not kept at rest").isNull();
        assertThat(new String(atRest.decrypt(stored, (subscriberId + "/" + feedId).getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8))
                .isEqualTo(SECRET_FEED);
        // moved into another subscriber's row, or another feed's row, the ciphertext does not decrypt
        assertThatThrownBy(() -> atRest.decrypt(stored, ("sub_" + UUID.randomUUID() + "/" + feedId).getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(GeneralSecurityException.class);
        assertThatThrownBy(() -> atRest.decrypt(stored, (subscriberId + "/feed_" + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(GeneralSecurityException.class);
        assertThatThrownBy(() -> atRest.decrypt(stored, subscriberId.getBytes(StandardCharsets.UTF_8)))
                .as("not the V4-era associated data").isInstanceOf(GeneralSecurityException.class);
        assertThat(plaintextIn("feed")).isEmpty();
        assertThat(plaintextIn("outbox")).isEmpty();

        ConsumerRecord<String, byte[]> record = TopicRecords.awaitFirst(infrastructure.kafka(), Topics.FEED_SUBSCRIPTION,
                r -> subscriberId.equals(r.key()) && new String(r.value(), StandardCharsets.UTF_8).contains(feedId), Duration.ofSeconds(30));
        FeedSubscription subscription = ContractJson.decode(record.value(), FeedSubscription.class);
        assertThat(subscription.action()).isEqualTo(SubscriptionAction.SUBSCRIBED);
        assertThat(subscription.displayName()).isEqualTo("Team rota");
        var decrypt = TinkKeysets.hybridDecrypt(SecretStore.fromDirectory(infrastructure.secretsDir()), SecretName.FEED_URL_HYBRID_PRIVATE_KEYSET);
        assertThat(new String(decrypt.decrypt(Base64.getDecoder().decode(subscription.encryptedUrl()),
                subscriberId.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8)).isEqualTo(SECRET_FEED);
    }

    @Test
    @Order(3)
    void syncStatusFromTheTopicAppearsOnTheFeedAndSyncNowAsksFeedIngest(KafkaBroker kafka) throws Exception {
        Browser browser = connected(0);
        String subscriberId = (String) browser.me().get("subscriberId");
        String feedId = (String) browser.post("/api/feeds", Map.of("url", "https://example.org/cal/team.ics", "displayName", "Club"))
                .getResponseBody().get("id");
        Instant at = Instant.now();
        send(kafka, new SyncStatus(subscriberId, feedId, SyncStage.FETCH, SyncOutcome.SUCCESS, null, null, at));
        send(kafka, new SyncStatus(subscriberId, feedId, SyncStage.WRITE, SyncOutcome.PARTIAL,
                new SyncCounts(5, 1, 0, 2, 1), "1 event could not be written", at.plusSeconds(1), 9, null));
        String list = awaitFeeds(browser, "could not be written");
        assertThat(list).contains("\"added\":5").contains("\"lastFetchOutcome\":\"NOT_MODIFIED\"").contains("1 event could not be written")
                .contains("\"calendarEvents\":9");

        // a write that only skipped proves nothing about the failed event, nor do a fetch (even one that found
        // nothing new) or an emit: the write error stays until a real write
        send(kafka, new SyncStatus(subscriberId, feedId, SyncStage.WRITE, SyncOutcome.SUCCESS,
                new SyncCounts(0, 0, 0, 1, 0), null, at.plusMillis(2000)));
        send(kafka, new SyncStatus(subscriberId, feedId, SyncStage.FETCH, SyncOutcome.SUCCESS, null, null, at.plusMillis(2200)));
        String warning = "VEVENT 'Lunch' (line 12) without UID: identity derived from its content";
        send(kafka, new SyncStatus(subscriberId, feedId, SyncStage.EMIT, SyncOutcome.SUCCESS,
                new SyncCounts(0, 0, 0, 1, 0), null, at.plusMillis(2400), null, List.of(warning)));
        // a 304 afterwards: the last reading's warnings still hold
        send(kafka, new SyncStatus(subscriberId, feedId, SyncStage.FETCH, SyncOutcome.SUCCESS, null, null, at.plusMillis(2500)));
        // the statuses of one subscriber are applied in order, each in one transaction: once this later one on
        // another feed shows, the three above are wholly applied
        String markerFeedId = (String) browser.post("/api/feeds", Map.of("url", "https://example.org/cal/marker.ics", "displayName", "Marker"))
                .getResponseBody().get("id");
        send(kafka, new SyncStatus(subscriberId, markerFeedId, SyncStage.WRITE, SyncOutcome.SUCCESS,
                new SyncCounts(0, 0, 0, 7, 0), null, at.plusMillis(2600)));
        list = awaitFeeds(browser, "\"unchanged\":7");
        assertThat(list).contains("\"unchanged\":1").contains("1 event could not be written")
                .contains("\"lastFetchOutcome\":\"NOT_MODIFIED\"").contains("\"warnings\":[\"" + warning + "\"]");
        send(kafka, new SyncStatus(subscriberId, feedId, SyncStage.WRITE, SyncOutcome.SUCCESS,
                new SyncCounts(0, 1, 0, 0, 0), null, at.plusSeconds(3)));
        list = awaitFeeds(browser, "\"changed\":1");
        assertThat(list).doesNotContain("could not be written")
                .as("a status without a calendar count (an older writer) keeps the last one").contains("\"calendarEvents\":9");

        // a wait (the subscriber parked at Google's usage limit) shows, and the park's resync ends it even when it
        // found everything in place: the writer got through
        send(kafka, new SyncStatus(subscriberId, feedId, SyncStage.WRITE, SyncOutcome.PAUSED, null,
                "calsync writes nothing for it until 18:05 UTC, then syncs every feed again", at.plusSeconds(4)));
        awaitFeeds(browser, "until 18:05 UTC");
        send(kafka, new SyncStatus(subscriberId, feedId, SyncStage.WRITE, SyncOutcome.SUCCESS,
                new SyncCounts(0, 0, 0, 4, 0), null, at.plusSeconds(5)));
        send(kafka, new SyncStatus(subscriberId, markerFeedId, SyncStage.WRITE, SyncOutcome.SUCCESS,
                new SyncCounts(0, 0, 0, 8, 0), null, at.plusSeconds(5)));
        list = awaitFeeds(browser, "\"unchanged\":8");
        assertThat(list).contains("\"unchanged\":4").doesNotContain("until 18:05 UTC");

        feedIngest().status = 200;
        assertThat(browser.post("/api/feeds/" + feedId + "/sync", null).getStatus().value()).isEqualTo(202);
        assertThat(feedIngest().calls).anyMatch(call -> call.method().equals("POST") && call.path().equals("/api/feeds/" + feedId + "/refresh")
                && ("Bearer " + secrets.read(SecretName.SERVICE_CREDENTIAL)).equals(call.authorization()));
        feedIngest().status = 409;
        assertError(browser.post("/api/feeds/" + feedId + "/sync", null), "reconnect");
        assertThat(browser.post("/api/feeds/feed_unknown/sync", null).getStatus().value()).isEqualTo(404);
    }

    @Test
    @Order(4)
    void removingAFeedUnsubscribesIt(KafkaBroker kafka) {
        Browser browser = connected(0);
        String subscriberId = (String) browser.me().get("subscriberId");
        String feedId = (String) browser.post("/api/feeds", Map.of("url", "https://example.net/x.ics")).getResponseBody().get("id");
        assertThat(browser.delete("/api/feeds/" + feedId).getStatus().value()).isEqualTo(200);
        assertThat(new String(browser.get("/api/feeds").getResponseBodyContent(), StandardCharsets.UTF_8)).doesNotContain(feedId);
        ConsumerRecord<String, byte[]> record = TopicRecords.awaitFirst(kafka, Topics.FEED_SUBSCRIPTION,
                r -> subscriberId.equals(r.key()) && ContractJson.decode(r.value(), FeedSubscription.class).feedId().equals(feedId)
                        && ContractJson.decode(r.value(), FeedSubscription.class).action() == SubscriptionAction.UNSUBSCRIBED,
                Duration.ofSeconds(30));
        assertThat(record).isNotNull();
        assertThat(browser.delete("/api/feeds/" + feedId).getStatus().value()).isEqualTo(404);
    }

    @Test
    @Order(5)
    void invalidGrantFromTokenServiceShowsReconnectNeeded(KafkaBroker kafka) throws Exception {
        Browser browser = connected(1);
        String subscriberId = (String) browser.me().get("subscriberId");
        UUID grantId = accounts.find(subscriberId).block().grantId();
        send(kafka, new TokenRevoked(subscriberId, grantId, RevocationReason.INVALID_GRANT, Instant.now()));
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> assertThat(browser.me()).containsEntry("reconnectNeeded", true));
        // connecting again clears it
        Browser again = connected(1);
        assertThat(again.me()).containsEntry("reconnectNeeded", false).containsEntry("subscriberId", subscriberId);
    }

    @Test
    @Order(6)
    void disconnectChangesNothingWhenTokenServiceFailsAndSignsOutWhenItRevoked() {
        Browser browser = connected(0);
        tokenService().status = 503;
        EntityExchangeResult<Map> failed = browser.post("/api/google-oauth/disconnect", null);
        assertThat(failed.getStatus().value()).isEqualTo(502);
        assertThat((String) failed.getResponseBody().get("error")).contains("Nothing changed");
        assertThat(browser.me()).containsEntry("connected", true);

        tokenService().status = 200;
        EntityExchangeResult<Map> done = browser.post("/api/google-oauth/disconnect", null);
        assertThat(done.getStatus().value()).isEqualTo(200);
        assertThat(done.getResponseBody()).containsEntry("disconnected", true);
        String subscriberId = subscriberOf(google().account(0)).orElseThrow();
        assertThat(tokenService().calls).anyMatch(call -> call.path().equals("/internal/v1/subscribers/" + subscriberId + "/revoke")
                && call.authorization() != null && call.authorization().startsWith("Bearer "));
        assertThat(browser.me()).containsEntry("connected", false);
        assertThat(accounts.find(subscriberId).block().disconnected()).isTrue();
    }

    @Test
    @Order(7)
    void aFeedAlreadyAddedIsRefusedWithoutEchoingItsAddressIncludingOnesStoredBeforeFeedIdsWereBound(Infrastructure infrastructure)
            throws Exception {
        Browser browser = connected(0);
        String subscriberId = (String) browser.me().get("subscriberId");
        assertThat(browser.post("/api/feeds", Map.of("url", "webcal://Rota.Example.com/ical/private-7c1e.ics")).getStatus().value())
                .isEqualTo(201);
        EntityExchangeResult<Map> again = browser.post("/api/feeds", Map.of("url", "https://rota.example.com:443/ical/private-7c1e.ics"));
        assertThat(again.getStatus().value()).isEqualTo(409);
        assertThat((String) again.getResponseBody().get("error")).contains("already added");
        assertThat(new String(again.getResponseBodyContent(), StandardCharsets.UTF_8)).doesNotContain("private-7c1e").doesNotContain("rota");
        assertThat(browser.post("/api/feeds", Map.of("url", "https://rota.example.com/ical/private-other.ics")).getStatus().value())
                .as("another address on the same host").isEqualTo(201);

        // a row written by V4-era code: associated data = the subscriber id alone
        Aead atRest = TinkKeysets.aead(SecretStore.fromDirectory(infrastructure.secretsDir()), SecretName.FEED_URL_AEAD_KEYSET);
        String legacyUrl = "https://old.example.com/ical/private-4d2a.ics";
        db.sql("INSERT INTO feed (id, subscriber_id, display_name, url_ciphertext, masked_url, created_at) "
                        + "VALUES (:id, :s, 'Old', :url, 'old.example.com/ical/…', now())")
                .bind("id", "feed_" + UUID.randomUUID()).bind("s", subscriberId)
                .bind("url", atRest.encrypt(legacyUrl.getBytes(StandardCharsets.UTF_8), subscriberId.getBytes(StandardCharsets.UTF_8)))
                .then().block();
        assertThat(browser.post("/api/feeds", Map.of("url", legacyUrl)).getStatus().value()).isEqualTo(409);
    }

    @Test
    @Order(8)
    void disconnectingInOneBrowserSignsOutEveryBrowserOfThePerson() {
        Browser laptop = connected(1);
        Browser phone = connected(1);
        String subscriberId = (String) laptop.me().get("subscriberId");
        assertThat(phone.me()).containsEntry("connected", true).containsEntry("subscriberId", subscriberId);
        assertThat(sessionsOf(subscriberId)).as("these two, and those of earlier tests").isGreaterThanOrEqualTo(2);

        tokenService().status = 200;
        assertThat(laptop.post("/api/google-oauth/disconnect", null).getStatus().value()).isEqualTo(200);
        assertThat(laptop.me()).containsEntry("connected", false);
        assertThat(phone.me()).as("the other browser").containsEntry("connected", false);
        assertThat(sessionsOf(subscriberId)).isZero();
    }

    private long sessionsOf(String subscriberId) {
        return db.sql("SELECT count(*) AS n FROM web_session WHERE subscriber_id = :s").bind("s", subscriberId)
                .map(row -> row.get("n", Long.class)).one().block();
    }

    @Test
    @Order(100)
    void noRecordOnAnyTopicCarriesAPlaintextTokenOrFeedUrl(KafkaBroker kafka) throws Exception {
        List<ConsumerRecord<String, byte[]>> records = everyRecordOnTheBroker(kafka);
        assertThat(records).as("the tests above produced records").isNotEmpty();
        for (ConsumerRecord<String, byte[]> record : records) {
            String text = new String(record.value(), StandardCharsets.UTF_8);
            assertThat(text).as("%s@%s", record.topic(), record.offset())
                    .doesNotContain("secret-token").doesNotContain("example.org/cal").doesNotContain("example.net/x.ics")
                    .doesNotContain("private-");
            // Google's token prefixes, outside the ciphertexts (whose base64 may contain "1//" by chance)
            String outsideCiphertexts = text.replaceAll("\"encrypted[A-Za-z]*\":\"[^\"]*\"", "");
            assertThat(outsideCiphertexts).as("%s@%s", record.topic(), record.offset())
                    .doesNotContain("1//").doesNotContain("ya29.");
        }
    }

    /**
     * Every column of every row of {@code table} (other classes' rows too: none may hold this class's secret)
     * that shows the secret feed URL (or its secret part) in the clear.
     */
    private List<String> plaintextIn(String table) {
        List<String> found = new ArrayList<>();
        for (Map<String, Object> row : db.sql("SELECT * FROM " + table).fetch().all().collectList().block()) {
            row.forEach((column, value) -> {
                String text = value instanceof byte[] || value instanceof java.nio.ByteBuffer
                        ? new String(bytes(value), StandardCharsets.ISO_8859_1) : String.valueOf(value);
                if (text.contains("secret-token")) {
                    found.add(table + "." + column);
                }
            });
        }
        return found;
    }

    private static byte[] bytes(Object value) {
        if (value instanceof java.nio.ByteBuffer buffer) {
            byte[] bytes = new byte[buffer.remaining()];
            buffer.duplicate().get(bytes);
            return bytes;
        }
        return (byte[]) value;
    }

    /**
     * Every record on every calsync topic, once every event this service committed is on the broker (nothing
     * unsent in its outbox, which sends synchronously): each topic read to its end offsets, no quiet period.
     */
    private List<ConsumerRecord<String, byte[]>> everyRecordOnTheBroker(KafkaBroker kafka) throws Exception {
        await().atMost(Duration.ofSeconds(30)).alias("the outbox has sent everything").until(() -> outbox.countUnsent().block() == 0);
        Set<String> topics;
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            topics = admin.listTopics().names().get();
        }
        return topics.stream().filter(topic -> topic.startsWith("calsync."))
                .flatMap(topic -> TopicRecords.readToEnd(kafka, topic, record -> true).stream())
                .toList();
    }

    private static String awaitFeeds(Browser browser, String expected) {
        return await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).alias("the feed list shows " + expected)
                .until(() -> new String(browser.get("/api/feeds").getResponseBodyContent(), StandardCharsets.UTF_8),
                        list -> list.contains(expected));
    }

    private static void send(KafkaBroker kafka, dev.calsync.contracts.CalsyncEvent event) throws Exception {
        String topic = dev.calsync.contracts.ContractType.of(event.getClass()).topic();
        TopicRecords.send(kafka, new ProducerRecord<>(topic, event.subscriberId(), ContractJson.encode(event)));
    }

    private static void assertError(EntityExchangeResult<Map> result, String message) {
        assertThat(result.getStatus().value()).isBetween(400, 499);
        assertThat((String) result.getResponseBody().get("error")).contains(message);
    }
}
