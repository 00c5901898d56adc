package dev.calsync.oauth.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.calsync.contracts.ContractJson;
import dev.calsync.contracts.Topics;
import dev.calsync.contracts.token.TokenGranted;
import dev.calsync.oauth.OAuthServiceTestSupport;
import dev.calsync.oauth.outbox.Outbox;
import dev.calsync.oauth.outbox.OutboxPublisher;
import dev.calsync.secrets.SecretName;
import dev.calsync.secrets.SecretStore;
import dev.calsync.secrets.TinkKeysets;
import dev.calsync.testsupport.Infrastructure;
import dev.calsync.testsupport.TopicRecords;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Item 4: a grant is stored with its outbox row in one transaction, and the event is never lost. */
class GrantOutboxIT extends OAuthServiceTestSupport {

    @Autowired
    GrantRecorder recorder;
    @Autowired
    OutboxPublisher publisher;
    @Autowired
    Outbox outbox;

    static GrantRecorder.NewGrant aGrant(String refreshToken) {
        String sub = "1" + Math.abs(UUID.randomUUID().getMostSignificantBits());
        return new GrantRecorder.NewGrant(sub, "person-" + sub + "@example.com",
                List.of("openid", "email", "https://www.googleapis.com/auth/calendar.app.created"),
                "web-client.apps.googleusercontent.com", refreshToken);
    }

    @Test
    void anEventCommittedWhileThePublisherIsStoppedStillArrivesEncryptedForTokenService(Infrastructure infrastructure) throws Exception {
        publisher.stop();
        GrantRecorder.Recorded recorded;
        try {
            recorded = recorder.record(aGrant("1//refresh-token-plaintext")).block();
            assertThat(outbox.countUnsent().block()).as("committed, not yet sent").isGreaterThanOrEqualTo(1L);
        } finally {
            // the "restarted" publisher finds the committed row
            publisher.start();
        }
        ConsumerRecord<String, byte[]> record = TopicRecords.awaitFirstWithKey(infrastructure.kafka(), Topics.TOKEN_GRANTED,
                recorded.subscriberId());
        TokenGranted granted = ContractJson.decode(record.value(), TokenGranted.class);
        assertThat(granted.grantId()).isEqualTo(recorded.grantId());
        assertThat(new String(record.value(), StandardCharsets.UTF_8)).doesNotContain("refresh-token-plaintext");

        var decrypt = TinkKeysets.hybridDecrypt(SecretStore.fromDirectory(infrastructure.secretsDir()),
                SecretName.TOKEN_HYBRID_PRIVATE_KEYSET);
        byte[] plaintext = decrypt.decrypt(Base64.getDecoder().decode(granted.encryptedRefreshToken()),
                recorded.subscriberId().getBytes(StandardCharsets.UTF_8));
        assertThat(new String(plaintext, StandardCharsets.UTF_8)).isEqualTo("1//refresh-token-plaintext");

        awaitNoUnsent();
    }

    @Test
    void aKnownGoogleAccountKeepsItsSubscriberAndGetsANewGrant() {
        GrantRecorder.NewGrant grant = aGrant("1//first");
        GrantRecorder.Recorded first = recorder.record(grant).block();
        GrantRecorder.Recorded again = recorder.record(new GrantRecorder.NewGrant(grant.googleSubject(), grant.email(),
                grant.scopes(), grant.oauthClientId(), "1//second")).block();
        assertThat(first.newSubscriber()).isTrue();
        assertThat(again.newSubscriber()).isFalse();
        assertThat(again.subscriberId()).isEqualTo(first.subscriberId());
        assertThat(again.grantId()).isNotEqualTo(first.grantId());
    }

    /**
     * The stored grant was recorded by an instance whose clock runs an hour ahead of ours: the next sign-in must
     * still be the later grant (token-service keeps the newer one), so its grantedAt comes after the stored one.
     */
    @Test
    void aNewGrantIsLaterThanTheStoredOneEvenWhenItsRecorderHadAClockAhead() {
        GrantRecorder.NewGrant grant = aGrant("1//first");
        recorder.record(grant).block();
        Instant ahead = Instant.now().plus(Duration.ofHours(1)).truncatedTo(ChronoUnit.MICROS);
        db.sql("UPDATE google_account SET granted_at = :at WHERE google_subject = :sub")
                .bind("at", ahead).bind("sub", grant.googleSubject()).then().block();

        recorder.record(new GrantRecorder.NewGrant(grant.googleSubject(), grant.email(), grant.scopes(), grant.oauthClientId(),
                "1//second")).block();
        Instant stored = db.sql("SELECT granted_at FROM google_account WHERE google_subject = :sub").bind("sub", grant.googleSubject())
                .map(row -> row.get("granted_at", Instant.class)).one().block();
        assertThat(stored).isEqualTo(ahead.plus(1, ChronoUnit.MICROS));
    }

    private void awaitNoUnsent() {
        await().atMost(Duration.ofSeconds(10)).alias("marked sent once the broker acknowledged")
                .until(() -> outbox.countUnsent().block() == 0);
    }
}
