package dev.calsync.oauth.connect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.calsync.contracts.ContractJson;
import dev.calsync.contracts.Topics;
import dev.calsync.contracts.token.TokenGranted;
import dev.calsync.oauth.OAuthServiceTestSupport;
import dev.calsync.secrets.GoogleOAuthClients;
import dev.calsync.testsupport.KafkaBroker;
import dev.calsync.testsupport.TopicRecords;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.ResponseCookie;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Item 1 through HTTP: start → the emulator's consent page → callback, and every way it can fail. The refused
 * sign-ins are Erin's, whom no test ever connects, so "creates nothing" shows in her having no subscriber.
 */
@ExtendWith(OutputCaptureExtension.class)
class WebConnectFlowIT extends OAuthServiceTestSupport {

    @Test
    void startAsksForOfflineAccessWithPkceNonceAndASignedStateBoundByAnHttpOnlyLaxCookie() {
        EntityExchangeResult<String> start = newBrowser().get("/api/google-oauth/start");
        assertThat(start.getStatus().value()).isEqualTo(302);
        Map<String, String> query = UriComponentsBuilder.fromUri(start.getResponseHeaders().getLocation()).build()
                .getQueryParams().toSingleValueMap();
        assertThat(query).containsEntry("access_type", "offline").containsEntry("prompt", "consent")
                .containsEntry("code_challenge_method", "S256").containsEntry("response_type", "code")
                .containsKeys("code_challenge", "nonce", "state");
        assertThat(query.get("scope").replace("%20", " ")).contains("openid", "email",
                "https://www.googleapis.com/auth/calendar.app.created");
        assertThat(query.get("state").split("\\.")).hasSize(3);
        ResponseCookie binding = start.getResponseCookies().getFirst(PendingSignIns.COOKIE);
        assertThat(binding).isNotNull();
        assertThat(binding.isHttpOnly()).isTrue();
        assertThat(binding.getSameSite()).isEqualTo("Lax");
        assertThat(binding.isSecure()).as("plain http in the test").isFalse();
        assertThat(binding.getMaxAge()).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void aNewAccountBecomesASubscriberAndAKnownOneLogsIn(KafkaBroker kafka) {
        assertThat(subscriberOf(DAN)).as("Dan is new to the service").isEmpty();
        Browser browser = newBrowser();
        EntityExchangeResult<String> callback = browser.get(Browser.callbackPath(browser.consentAndAllow(DAN)));
        assertThat(callback.getStatus().value()).as(callback.getResponseBody()).isEqualTo(302);
        assertThat(callback.getResponseHeaders().getLocation()).hasToString("/?connected");
        Map<String, Object> me = browser.me();
        assertThat(me).containsEntry("connected", true).containsEntry("email", DAN.email());
        String subscriberId = (String) me.get("subscriberId");
        assertThat(subscriberOf(DAN)).contains(subscriberId);

        ConsumerRecord<String, byte[]> record = TopicRecords.awaitFirstWithKey(kafka, Topics.TOKEN_GRANTED, subscriberId);
        TokenGranted granted = ContractJson.decode(record.value(), TokenGranted.class);
        assertThat(granted.googleSubject()).isEqualTo(DAN.sub());
        assertThat(granted.oauthClientId()).isEqualTo(google().clients.firstOfType(GoogleOAuthClients.ClientType.web).orElseThrow().clientId());
        assertThat(granted.scopes()).contains("https://www.googleapis.com/auth/calendar.app.created");
        assertThat(new String(record.value())).doesNotContain("1//");

        Browser later = newBrowser();
        later.get(Browser.callbackPath(later.consentAndAllow(DAN)));
        assertThat(later.me()).containsEntry("subscriberId", subscriberId);
    }

    @Test
    void cancelAtConsentEndsOnAClearPageAndCreatesNothing() {
        long before = subscribers();
        Browser browser = newBrowser();
        URI authorization = browser.start();
        URI callback = google().submit(google().openConsent(authorization), null, "cancel");
        EntityExchangeResult<String> page = browser.get(Browser.callbackPath(callback));
        assertThat(page.getResponseBody()).contains("You cancelled the connection").contains("nothing was connected");
        assertThat(subscribers()).isEqualTo(before);
        assertThat(browser.me()).containsEntry("connected", false);
    }

    @Test
    void aTamperedStateIsRefused() {
        long before = subscribers();
        Browser browser = newBrowser();
        URI callback = browser.consentAndAllow(ERIN);
        String path = Browser.callbackPath(callback);
        String state = UriComponentsBuilder.fromUri(callback).build().getQueryParams().getFirst("state");
        // one character changed (never to itself: a state that already starts with 'x' would stay intact)
        char other = state.charAt(0) == 'x' ? 'y' : 'x';
        String tampered = path.replace("state=" + state, "state=" + other + state.substring(1));
        assertThat(tampered).isNotEqualTo(path);
        EntityExchangeResult<String> page = browser.get(tampered);
        assertThat(page.getStatus().value()).isEqualTo(400);
        assertThat(page.getResponseBody()).contains("could not be verified");
        assertThat(subscribers()).isEqualTo(before);
        assertThat(subscriberOf(ERIN)).isEmpty();
    }

    @Test
    void aReplayedStateIsRefused() {
        Browser browser = newBrowser();
        URI callback = browser.consentAndAllow(google().account(0));
        String binding = browser.cookies.get(PendingSignIns.COOKIE);
        assertThat(browser.get(Browser.callbackPath(callback)).getStatus().value()).isEqualTo(302);
        browser.cookies.put(PendingSignIns.COOKIE, binding);
        EntityExchangeResult<String> replay = browser.get(Browser.callbackPath(callback));
        assertThat(replay.getStatus().value()).isEqualTo(400);
        assertThat(replay.getResponseBody()).contains("already used");
    }

    @Test
    void aStateOlderThanTenMinutesIsRefused() {
        long before = subscribers();
        Browser browser = newBrowser();
        URI callback = browser.consentAndAllow(ERIN);
        clock.advance(Duration.ofMinutes(10).plusSeconds(1));
        try {
            EntityExchangeResult<String> page = browser.get(Browser.callbackPath(callback));
            assertThat(page.getStatus().value()).isEqualTo(400);
            assertThat(page.getResponseBody()).contains("This sign-in expired");
        } finally {
            clock.setOffset(Duration.ZERO);
        }
        assertThat(subscribers()).isEqualTo(before);
        assertThat(subscriberOf(ERIN)).isEmpty();
    }

    @Test
    void aCallbackInAnotherBrowserIsRefused() {
        Browser browser = newBrowser();
        URI callback = browser.consentAndAllow(google().account(1));
        Browser other = newBrowser();
        EntityExchangeResult<String> page = other.get(Browser.callbackPath(callback));
        assertThat(page.getStatus().value()).isEqualTo(400);
        assertThat(page.getResponseBody()).contains("could not be verified");
    }

    @Test
    void aFailedCodeExchangeEndsOnAClearPageAndCreatesNothing() {
        long before = subscribers();
        Browser browser = newBrowser();
        URI callback = browser.consentAndAllow(ERIN);
        String code = UriComponentsBuilder.fromUri(callback).build().getQueryParams().getFirst("code");
        EntityExchangeResult<String> page = browser.get(Browser.callbackPath(callback).replace("code=" + code, "code=4%2F0Anope"));
        assertThat(page.getStatus().value()).isEqualTo(400);
        assertThat(page.getResponseBody()).contains("Google did not complete the connection");
        assertThat(subscribers()).isEqualTo(before);
        assertThat(subscriberOf(ERIN)).isEmpty();
    }

    @Test
    void aCallbackWithoutCodeEndsOnAClearPageLogsNoStackTraceAndLeavesTheSignInToFinish(CapturedOutput output) {
        Browser browser = newBrowser();
        URI callback = browser.consentAndAllow(google().account(1));
        URI withoutCode = UriComponentsBuilder.fromUri(callback).replaceQueryParam("code").build(true).toUri();
        EntityExchangeResult<String> page = browser.get(Browser.callbackPath(withoutCode));
        assertThat(page.getStatus().value()).isEqualTo(400);
        assertThat(page.getResponseBody()).contains("Google's answer was incomplete", "data-error-code=\"missing_code\"");
        assertThat(output.getAll()).doesNotContain("IllegalArgumentException").doesNotContain("\tat org.springframework");
        // the state was not used up by the incomplete answer: Google's whole answer still connects
        assertThat(browser.get(Browser.callbackPath(callback)).getStatus().value()).isEqualTo(302);
    }

    /** Counted before and after a sign-in that must create nothing; no other class runs meanwhile. */
    private long subscribers() {
        return db.sql("SELECT count(*) AS n FROM subscriber").map(row -> row.get("n", Long.class)).one().block();
    }
}
