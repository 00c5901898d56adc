package dev.calsync.token;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.AppenderBase;
import com.fasterxml.jackson.databind.JsonNode;
import dev.calsync.contracts.token.TokenGranted;
import dev.calsync.secrets.SecretName;
import dev.calsync.testsupport.ManagementPort;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;

/**
 * No token, ciphertext, key or credential in any log line, error body or metric: every log line of a full
 * scenario (this JVM's, the emulator's included) is captured and searched for every secret the emulator
 * issued and every secret of the service. The search is first shown to find a planted token.
 */
class SecretLeakIT extends TokenServiceTestSupport {

    /** Every log event of the JVM as text: message, arguments rendered, key-value pairs, MDC and stack trace. */
    static final class CapturedLines extends AppenderBase<ILoggingEvent> {
        final List<String> lines = new CopyOnWriteArrayList<>();

        @Override
        protected void append(ILoggingEvent event) {
            StringBuilder line = new StringBuilder(event.getLoggerName()).append(' ').append(event.getFormattedMessage());
            event.getMDCPropertyMap().forEach((key, value) -> line.append(' ').append(key).append('=').append(value));
            if (event.getKeyValuePairs() != null) {
                event.getKeyValuePairs().forEach(pair -> line.append(' ').append(pair.key).append('=').append(pair.value));
            }
            if (event.getThrowableProxy() != null) {
                line.append('\n').append(ThrowableProxyUtil.asString(event.getThrowableProxy()));
            }
            lines.add(line.toString());
        }
    }

    private final CapturedLines captured = new CapturedLines();
    private final List<String> answers = new ArrayList<>();
    private final List<String> ciphertexts = new ArrayList<>();

    @BeforeEach
    void captureEveryLogLine() {
        Logger root = ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        captured.setContext(root.getLoggerContext());
        captured.start();
        root.addAppender(captured);
    }

    @AfterEach
    void stopCapturing() {
        ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).detachAppender(captured);
        disarmGoogleFaults();
    }

    @Test
    void noSecretReachesALogLineAnErrorBodyOrAMetric() throws Exception {
        // the search works: a token planted in a log line is found
        String planted = consentAtGoogle(BOB).accessToken();
        LoggerFactory.getLogger("leak-test").info("planted {}", planted);
        assertThat(leaksOf(List.of(planted), captured.lines)).as("the planted token is found").isNotEmpty();
        captured.lines.removeIf(line -> line.contains(planted));

        fullScenario();

        List<String> secrets = new ArrayList<>(everySecretGoogleIssued());
        secrets.add(serviceCredential());
        secrets.addAll(ciphertexts);
        secrets.addAll(keyMaterial(SecretName.TOKEN_AEAD_KEYSET));
        secrets.addAll(keyMaterial(SecretName.TOKEN_HYBRID_PRIVATE_KEYSET));
        assertThat(secrets).as("the scenario handed out tokens").hasSizeGreaterThan(20);
        assertThat(captured.lines).as("log lines captured").hasSizeGreaterThan(20);

        assertThat(leaksOf(secrets, captured.lines)).as("log lines quoting a secret").isEmpty();
        assertThat(answers).as("error answers captured").hasSizeGreaterThan(8);
        assertThat(leaksOf(secrets, answers)).as("error bodies quoting a secret").isEmpty();
        String metrics = ManagementPort.client(managementPort).get().uri("/actuator/prometheus").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(leaksOf(secrets, List.of(metrics))).as("metrics quoting a secret").isEmpty();
    }

    /** Grants, tokens, refreshes, expiry, failures, bad input, a disconnect and a reconnect, an invalid_grant. */
    private void fullScenario() throws Exception {
        String subscriber = newSubscriber();
        GoogleGrant first = consentAtGoogle(ALICE);
        TokenGranted firstGrant = granted(subscriber, first, Instant.now().minusSeconds(5));
        publishAndAwaitStored(firstGrant);
        accessToken(subscriber, firstGrant.grantId());
        accessToken(subscriber, firstGrant.grantId());
        concurrentAccessTokens(subscriber, firstGrant.grantId(), 50);
        advanceBothClocks(Duration.ofMinutes(57));
        concurrentAccessTokens(subscriber, firstGrant.grantId(), 50);

        answer(requestAccessToken(subscriber, UUID.randomUUID(), false));
        answer(requestAccessToken(newSubscriber(), UUID.randomUUID(), false));
        answer(http.post().uri("/internal/v1/subscribers/{id}/access-token", subscriber)
                .headers(headers -> headers.setBearerAuth(first.accessToken()))
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"grant_id\":\"" + firstGrant.grantId() + "\"}").exchange());
        answer(http.post().uri("/internal/v1/subscribers/{id}/access-token", subscriber)
                .headers(headers -> headers.setBearerAuth(serviceCredential()))
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"grant_id\":\"" + first.refreshToken() + "\"}").exchange());

        armGoogleFault("oauth.token", 503, 10, 0);
        answer(requestAccessToken(subscriber, firstGrant.grantId(), true));
        disarmGoogleFaults();
        armGoogleFault("oauth.revoke", 500, 10, 0);
        answer(requestRevoke(subscriber));
        disarmGoogleFaults();

        answer(requestRevoke(subscriber));
        GoogleGrant second = consentAtGoogle(ALICE);
        TokenGranted secondGrant = granted(subscriber, second, Instant.now());
        publishAndAwaitStored(secondGrant);
        accessToken(subscriber, secondGrant.grantId());
        publish(firstGrant);
        answer(requestAccessToken(subscriber, firstGrant.grantId(), false));

        revokeAtGoogleDirectly(second.refreshToken());
        answer(requestAccessToken(subscriber, secondGrant.grantId(), true));

        String other = newSubscriber();
        TokenGranted otherGrant = granted(other, consentAtGoogle(BOB), Instant.now());
        publishAndAwaitStored(otherGrant);
        String victim = newSubscriber();
        TokenGranted victimGrant = granted(victim, consentAtGoogle(BOB), Instant.now());
        publishAndAwaitStored(victimGrant);
        byte[] moved = row(other).orElseThrow().ciphertext();
        ciphertexts.add(Base64.getEncoder().encodeToString(moved));
        ciphertexts.add(HexFormat.of().formatHex(moved));
        execute("UPDATE token.google_oauth_token SET encrypted_refresh_token = ? WHERE subscriber_id = ?", moved, victim);
        answer(requestAccessToken(victim, victimGrant.grantId(), false));

        TokenGranted misaddressed = new TokenGranted(newSubscriber(), UUID.randomUUID(), Instant.now(), "1", BOB,
                List.of("openid"), first.clientId(), encryptForTheService("someone-else", first.refreshToken()));
        ciphertexts.add(misaddressed.encryptedRefreshToken());
        publish(misaddressed);
        awaitEveryGrantConsumed();
    }

    private TokenGranted granted(String subscriber, GoogleGrant grant, Instant at) {
        TokenGranted granted = tokenGranted(subscriber, UUID.randomUUID(), at, grant);
        ciphertexts.add(granted.encryptedRefreshToken());
        return granted;
    }

    private void answer(org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec response) {
        var result = response.expectBody(String.class).returnResult();
        if (result.getStatus().is2xxSuccessful()) {
            return;
        }
        // the answer only: the request (credential, a token sent as input) is ours
        answers.add(result.getResponseHeaders() + "\n" + result.getResponseBody());
    }

    /** The base64 key values inside a keyset's JSON: the key material itself. */
    private static List<String> keyMaterial(SecretName keyset) throws Exception {
        List<String> values = new ArrayList<>();
        for (JsonNode key : JSON.readTree(secrets().read(keyset)).path("key")) {
            values.add(key.path("keyData").path("value").asText());
        }
        return values;
    }

    private static List<String> leaksOf(List<String> secrets, List<String> texts) {
        List<String> leaks = new ArrayList<>();
        for (String text : texts) {
            for (String secret : secrets) {
                if (secret != null && secret.length() >= 8 && text.contains(secret)) {
                    // say where, not what: the assertion message ends up in the build log
                    leaks.add(text.substring(0, Math.min(120, text.indexOf(secret))) + "<secret>");
                }
            }
        }
        return leaks;
    }
}
