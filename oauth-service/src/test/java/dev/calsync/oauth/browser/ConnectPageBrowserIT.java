package dev.calsync.oauth.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.calsync.contracts.ContractJson;
import dev.calsync.contracts.status.SyncCounts;
import dev.calsync.contracts.status.SyncOutcome;
import dev.calsync.contracts.status.SyncStage;
import dev.calsync.contracts.status.SyncStatus;
import dev.calsync.oauth.OAuthServiceTestSupport;
import dev.calsync.secrets.GoogleOAuthClients;
import dev.calsync.testsupport.KafkaBroker;
import dev.calsync.testsupport.TopicRecords;
import java.time.Duration;
import java.time.Instant;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Item 8: the connect page in real headless Chromium ({@link HeadlessChromium}) against the emulator.
 * Screenshots of each step land in {@code target/screenshots}.
 */
class ConnectPageBrowserIT extends OAuthServiceTestSupport {

    private HeadlessChromium chromium;
    private WebDriver browser;
    private WebDriverWait wait;

    @BeforeEach
    void openBrowser() throws Exception {
        chromium = HeadlessChromium.open();
        browser = chromium.driver;
        wait = chromium.wait;
    }

    @AfterEach
    void closeBrowser() {
        if (chromium != null) {
            chromium.close();
        }
    }

    private void screenshot(String name) {
        chromium.screenshot(name);
    }

    private void connectAs(GoogleOAuthClients.Account account, String shotPrefix) {
        chromium.connectAs(PORT, account, shotPrefix);
    }

    @Test
    void connectAddAFeedSeeItsStatusAndDisconnect(KafkaBroker kafka) throws Exception {
        connectAs(FRANK, "connect");
        screenshot("connect-3-connected");

        browser.findElement(By.id("feed-url")).sendKeys("https://calendar.example.com/ical/secret-abcdef.ics");
        browser.findElement(By.id("feed-name")).sendKeys("Team rota");
        browser.findElement(By.id("add-feed-button")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("feeds"), "calendar.example.com/ical/…"));
        assertThat(browser.findElement(By.id("feeds")).getText()).contains("Team rota").doesNotContain("secret-abcdef");
        screenshot("connect-4-feed-added");

        String subscriberId = subscriberOf(FRANK).orElseThrow();
        String feedId = db.sql("SELECT id FROM feed WHERE subscriber_id = :s").bind("s", subscriberId)
                .map(row -> row.get("id", String.class)).one().block();
        SyncStatus status = new SyncStatus(subscriberId, feedId, SyncStage.WRITE, SyncOutcome.SUCCESS, new SyncCounts(12, 0, 0, 0, 0), null, Instant.now(),
                12, null);
        TopicRecords.send(kafka, new ProducerRecord<>("calsync.sync-status.v1", subscriberId, ContractJson.encode(status)));
        // the page shows the status once oauth-service has read it; a person would reload
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(500)).alias("the page shows 12 added").until(() -> {
            if (browser.findElement(By.id("feeds")).getText().contains("12 added")) {
                return true;
            }
            browser.navigate().refresh();
            wait.until(ExpectedConditions.textToBe(By.id("email"), FRANK.email()));
            return false;
        });
        assertThat(browser.findElement(By.id("feeds")).getText()).contains("In your Google calendar: 12 events");
        screenshot("connect-5-sync-status");

        browser.findElement(By.id("disconnect")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("connect")));
        assertThat(browser.findElement(By.id("message")).getText()).contains("Disconnected");
        screenshot("connect-6-disconnected");
    }

    @Test
    void cancelAtConsentAndATamperedStateEndOnClearPages() throws Exception {
        browser.get("http://localhost:" + PORT + "/");
        browser.findElement(By.id("connect")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("button[value=cancel]")));
        browser.findElement(By.cssSelector("button[value=cancel]")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("error-title")));
        assertThat(browser.findElement(By.id("error-title")).getText()).isEqualTo("You cancelled the connection");
        screenshot("cancel-1-error-page");

        browser.get("http://localhost:" + PORT + "/api/google-oauth/start");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("input[name=account]")));
        String consentUrl = browser.getCurrentUrl();
        assertThat(consentUrl).contains("state=");
        // the browser comes back with a state someone altered on the way
        browser.get("http://localhost:" + PORT + "/api/google-oauth/callback?state=forged.1.AAAA&code=4%2F0Aforged");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("error-title")));
        assertThat(browser.findElement(By.id("error-title")).getText()).isEqualTo("This sign-in could not be verified");
        screenshot("tampered-state-error-page");
    }
}
