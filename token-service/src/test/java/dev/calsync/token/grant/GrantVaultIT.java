package dev.calsync.token.grant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import dev.calsync.contracts.ContractJson;
import dev.calsync.contracts.Topics;
import dev.calsync.contracts.token.TokenGranted;
import dev.calsync.secrets.SecretName;
import dev.calsync.testsupport.TopicRecords;
import dev.calsync.token.TokenServiceTestSupport;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** Grants in: decrypted from Kafka, encrypted at rest bound to the subscriber, latest grant wins. */
class GrantVaultIT extends TokenServiceTestSupport {

    @Test
    void aGrantIsStoredEncryptedUnderTheNewestKeyAndBoundToItsSubscriber() throws Exception {
        String subscriber = newSubscriber();
        UUID grantId = UUID.randomUUID();
        Instant grantedAt = Instant.parse("2026-11-23T10:00:00Z");
        GoogleGrant grant = consentAtGoogle(ALICE);
        publishAndAwaitStored(tokenGranted(subscriber, grantId, grantedAt, grant));

        Row row = row(subscriber).orElseThrow();
        KeysetHandle keyset = secrets().readSecretKeyset(SecretName.TOKEN_AEAD_KEYSET);
        Aead aead = keyset.getPrimitive(RegistryConfiguration.get(), Aead.class);
        assertThat(row.grantedAt()).isEqualTo(grantedAt);
        assertThat(row.oauthClientId()).isEqualTo(grant.clientId());
        assertThat(row.keyId()).isEqualTo(Integer.toUnsignedLong(keyset.getPrimary().getId()));
        assertThat(new String(row.ciphertext(), StandardCharsets.ISO_8859_1)).doesNotContain(grant.refreshToken());
        assertThat(new String(aead.decrypt(row.ciphertext(), subscriber.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8))
                .isEqualTo(grant.refreshToken());
        assertThatThrownBy(() -> aead.decrypt(row.ciphertext(), "another-subscriber".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(GeneralSecurityException.class);
    }

    @Test
    void anOlderGrantDeliveredAfterANewerOneIsIgnored() throws Exception {
        String subscriber = newSubscriber();
        Instant now = Instant.now();
        TokenGranted older = tokenGranted(subscriber, UUID.randomUUID(), now.minusSeconds(600), consentAtGoogle(ALICE));
        TokenGranted newer = tokenGranted(subscriber, UUID.randomUUID(), now, consentAtGoogle(ALICE));
        publishAndAwaitStored(newer);
        byte[] newerCiphertext = row(subscriber).orElseThrow().ciphertext();

        publish(older);
        awaitEveryGrantConsumed();

        assertThat(row(subscriber).orElseThrow().grantId()).isEqualTo(newer.grantId());
        assertThat(row(subscriber).orElseThrow().ciphertext()).isEqualTo(newerCiphertext);
        requestAccessToken(subscriber, older.grantId(), false).expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.error").isEqualTo("grant_superseded");
        requestAccessToken(subscriber, newer.grantId(), false).expectStatus().isOk();
    }

    @Test
    void theSameGrantDeliveredAgainAfterItsRevocationChangesNothing() throws Exception {
        String subscriber = newSubscriber();
        TokenGranted granted = tokenGranted(subscriber, UUID.randomUUID(), Instant.now(), consentAtGoogle(ALICE));
        publishAndAwaitStored(granted);
        Row first = row(subscriber).orElseThrow();

        requestRevoke(subscriber).expectStatus().isOk();
        Row revoked = row(subscriber).orElseThrow();

        publish(granted);
        awaitEveryGrantConsumed();

        assertThat(first.grantId()).isEqualTo(granted.grantId());
        assertThat(row(subscriber).orElseThrow()).as("a revoked grant is not brought back by its own record").isEqualTo(revoked);
        requestAccessToken(subscriber, granted.grantId(), false).expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.error").isEqualTo("grant_revoked");
    }

    @Test
    void aCiphertextCopiedIntoAnotherSubscribersRowDoesNotDecrypt() throws Exception {
        String alice = newSubscriber();
        String bob = newSubscriber();
        GoogleGrant alicesGrant = consentAtGoogle(ALICE);
        publishAndAwaitStored(tokenGranted(alice, UUID.randomUUID(), Instant.now(), alicesGrant));
        UUID bobsGrant = UUID.randomUUID();
        publishAndAwaitStored(tokenGranted(bob, bobsGrant, Instant.now(), consentAtGoogle(BOB)));
        byte[] alicesCiphertext = row(alice).orElseThrow().ciphertext();

        execute("UPDATE token.google_oauth_token SET encrypted_refresh_token = ? WHERE subscriber_id = ?", alicesCiphertext, bob);

        String body = requestAccessToken(bob, bobsGrant, false).expectStatus().isEqualTo(500)
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(body).contains("stored_token_unreadable").contains(bob);
        assertNoSecretIn(body, alicesGrant.refreshToken(), Base64.getEncoder().encodeToString(alicesCiphertext));
    }

    @Test
    void aRefreshTokenEncryptedForAnotherSubscriberGoesToTheDeadLetterTopicUnquoted() throws Exception {
        String subscriber = newSubscriber();
        GoogleGrant grant = consentAtGoogle(ALICE);
        TokenGranted forSomeoneElse = tokenGranted(subscriber, UUID.randomUUID(), Instant.now(), grant);
        String ciphertext = encryptForTheService("someone-else", grant.refreshToken());
        TokenGranted misaddressed = new TokenGranted(subscriber, forSomeoneElse.grantId(), forSomeoneElse.grantedAt(),
                forSomeoneElse.googleSubject(), forSomeoneElse.email(), forSomeoneElse.scopes(), forSomeoneElse.oauthClientId(), ciphertext);

        publish(misaddressed);

        ConsumerRecord<String, byte[]> deadLetter = TopicRecords.awaitFirst(kafka, Topics.TOKEN_GRANTED + ".token-service.dlq",
                record -> subscriber.equals(record.key()) && Arrays.equals(record.value(), ContractJson.encode(misaddressed)),
                Duration.ofSeconds(60));
        assertThat(TopicRecords.header(deadLetter, "x-exception-message")).hasValueSatisfying(message -> assertThat(message)
                .contains(misaddressed.grantId().toString()).contains("does not decrypt")
                .doesNotContain(ciphertext).doesNotContain(grant.refreshToken()));
        assertThat(row(subscriber)).isEmpty();
    }
}
