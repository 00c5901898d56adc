package dev.calsync.systemtests.journeys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.calsync.contracts.Topics;
import dev.calsync.secrets.GoogleOAuthClients;
import dev.calsync.secrets.SecretName;
import dev.calsync.secrets.SecretStore;
import dev.calsync.systemtests.actors.FeedServer;
import dev.calsync.systemtests.actors.GoogleEmulatorAdmin;
import dev.calsync.systemtests.harness.ConsumerGroups;
import dev.calsync.systemtests.harness.Service;
import dev.calsync.systemtests.harness.SystemStack;
import dev.calsync.systemtests.harness.WithSystemStack;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Issue 16, item 2: Bob's journey through a real headless Chromium on the whole system as processes.
 * He connects Google Calendar at the emulator's consent page, adds a feed, and the publisher edits it
 * while Bob presses "Sync now": each edit changes exactly that event in Google, a cancelled occurrence
 * disappears, disconnecting revokes the grant and stops the writes, and reconnecting resyncs for free.
 * Every step asserts events expected / found / duplicated and the Google calls it cost (the emulator's
 * ledger, per account); each edit's latency from the click to the emulator showing the write is printed
 * with the machine's load, not asserted.
 */
@WithSystemStack
class PersonJourneyIT {

    private static final String BOB = "bob@example.com";
    private static final Duration PATIENCE = Duration.ofSeconds(90);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    static FeedServer publisher;
    static WebDriver browser;

    private final List<String> table = new ArrayList<>();

    @BeforeAll
    static void startThePublisherAndTheBrowser() throws IOException {
        Assumptions.assumeTrue(new File("/usr/bin/chromium").canExecute() && new File("/usr/bin/chromedriver").canExecute(),
                "Chromium and ChromeDriver are installed (.ci/run installs them)");
        publisher = FeedServer.start();
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage", "--window-size=1024,1200");
        browser = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(new File("/usr/bin/chromedriver"))
                .usingAnyFreePort().build(), options);
    }

    @AfterAll
    static void stopThem() {
        if (browser != null) {
            browser.quit();
        }
        if (publisher != null) {
            publisher.close();
        }
    }

    @Test
    void bobConnectsAddsAFeedSeesEachEditDisconnectsAndReconnects(SystemStack stack) throws Exception {
        GoogleEmulatorAdmin google = new GoogleEmulatorAdmin(stack.emulatorUrl());
        String name = "journey-" + UUID.randomUUID().toString().substring(0, 8);
        JourneyFeed feed = JourneyFeed.initial(name);
        URI url = publisher.publish(name, feed.ics());
        table.add(String.format("%-34s %8s %6s %10s %7s %12s  %s", "step", "expected", "found", "duplicated", "writes",
                "latency ms", "load (1/5/15 min)"));
        try {
            // 1. connect → add a feed → a calendar of its own with every event
            Map<String, Long> before = google.calls().getOrDefault(BOB, Map.of());
            long clicked = System.nanoTime();
            connect(stack);
            browser.findElement(By.id("feed-url")).sendKeys(url.toString());
            browser.findElement(By.id("feed-name")).sendKeys(name);
            browser.findElement(By.id("add-feed-button")).click();
            waitFor(By.id("message"), text -> text.startsWith("Feed added: " + name));
            await().atMost(PATIENCE).pollInterval(Duration.ofMillis(100)).alias("every event of " + name + " in Google")
                    .until(() -> liveEvents(google, name).size() == feed.storedEvents());
            long latency = millisSince(clicked);
            Instant firstWrite = awaitNextWrite(name, null);
            String shown = feedItemText(name, text -> text.contains("In your Google calendar: "));
            // the writer counts a series with its overrides as one event (the feed's UIDs), "N added" counts each stored event
            assertThat(shown).as("the page counts the feed's events in Google")
                    .contains("In your Google calendar: " + feed.uids() + " events")
                    .contains("Last sync: " + feed.storedEvents() + " added, 0 changed, 0 deleted");
            long writes = writesSince(google, before);
            record("1 connect + add feed", feed, google, name, writes, latency);
            assertThat(google.calendar(BOB, name)).as("a dedicated calendar").isPresent();
            assertThat(writes).as("calendars.insert and one events.insert per stored event at most")
                    .isBetween((long) feed.storedEvents(), (long) feed.storedEvents() + 2);

            // 2. edit one event, "Sync now" → exactly that event changes: 1 write
            publisher.publish(name, feed.rename("dentist", "Dentist (bring the X-rays)").ics());
            before = google.calls().getOrDefault(BOB, Map.of());
            clicked = syncNow(name);
            await().atMost(PATIENCE).pollInterval(Duration.ofMillis(100)).alias("the renamed event in Google")
                    .until(() -> liveSummaries(google, name), s -> s.contains("Dentist (bring the X-rays)") && !s.contains("Dentist"));
            latency = millisSince(clicked);
            Instant secondWrite = awaitNextWrite(name, firstWrite);
            writes = writesSince(google, before);
            record("2 edit one event + Sync now", feed, google, name, writes, latency);
            assertThat(writes).as("one write for one edited event: %s", google.calls().get(BOB)).isEqualTo(1);

            // 3. remove an event from the feed → deleted in Google
            publisher.publish(name, feed.remove("offsite").ics());
            before = google.calls().getOrDefault(BOB, Map.of());
            clicked = syncNow(name);
            await().atMost(PATIENCE).pollInterval(Duration.ofMillis(100)).alias("the removed event gone from Google")
                    .until(() -> !liveSummaries(google, name).contains("Offsite"));
            latency = millisSince(clicked);
            Instant thirdWrite = awaitNextWrite(name, secondWrite);
            writes = writesSince(google, before);
            record("3 remove an event + Sync now", feed, google, name, writes, latency);
            assertThat(writes).as("one delete: %s", google.calls().get(BOB)).isEqualTo(1);

            // 4. cancel one occurrence of the series (EXDATE) → that occurrence gone
            publisher.publish(name, feed.cancelOccurrence(JourneyFeed.CANCELLED_OCCURRENCE).ics());
            before = google.calls().getOrDefault(BOB, Map.of());
            clicked = syncNow(name);
            await().atMost(PATIENCE).pollInterval(Duration.ofMillis(100)).alias("the cancelled occurrence gone from Google")
                    .until(() -> occurrenceGone(google, name, JourneyFeed.CANCELLED_OCCURRENCE));
            latency = millisSince(clicked);
            Instant fourthWrite = awaitNextWrite(name, thirdWrite);
            writes = writesSince(google, before);
            record("4 cancel an occurrence + Sync now", feed, google, name, writes, latency);
            // the series' recurrence changed: its master is patched and each override written again (ChangePlan.rewriteOverrides)
            assertThat(writes).as("the master and its one override: %s", google.calls().get(BOB)).isEqualTo(1 + feed.overrides());

            // 5. disconnect → revoked at Google, no more writes, the page says so
            List<String> tokensBefore = bobsLiveAccessTokens(stack);
            assertThat(tokensBefore).as("Bob's grant works before he disconnects").isNotEmpty();
            before = google.calls().getOrDefault(BOB, Map.of());
            browser.findElement(By.id("disconnect")).click();
            waitFor(By.id("message"), text -> text.startsWith("Disconnected. calsync can no longer access your Google Calendar."));
            await().atMost(PATIENCE).until(() -> browser.findElement(By.id("connect")).isDisplayed());
            assertThat(bobsLiveAccessTokens(stack)).as("every token of Bob's grant is revoked at Google").isEmpty();
            String edited = feed.rename("dentist", "Dentist (while disconnected)").ics();
            publisher.publish(name, edited);
            try (ConsumerGroups groups = new ConsumerGroups(stack)) {
                // the revocation is published before the disconnect answers; these lags at 0 mean it was read
                await().atMost(PATIENCE).alias("feed-ingest and the writer have read Bob's revocation and every change")
                        .until(() -> groups.lag(Service.FEED_INGEST.moduleName(), Topics.TOKEN_REVOKED) == 0
                                && groups.lag(Service.CALENDAR_WRITER.moduleName(), Topics.EVENT_CHANGED) == 0);
            }
            writes = writesSince(google, before);
            table.add(String.format("%-34s %8s %6s %10s %7d %12s  %s", "5 disconnect + feed edited", "-", "-", "-", writes, "-", load()));
            assertThat(writes).as("no write after the disconnect: %s", google.calls().get(BOB)).isZero();
            assertThat(liveSummaries(google, name)).as("Google kept the event as it was").contains("Dentist (bring the X-rays)")
                    .doesNotContain("Dentist (while disconnected)");

            // 6. reconnect (the edit undone) → the resync makes 0 writes
            publisher.publish(name, feed.rename("dentist", "Dentist (bring the X-rays)").ics());
            int downloads = publisher.downloads(name);
            before = google.calls().getOrDefault(BOB, Map.of());
            connect(stack);
            await().atMost(PATIENCE).alias("the resync after reconnecting fetched the feed")
                    .until(() -> publisher.downloads(name) > downloads);
            awaitNextWrite(name, fourthWrite);
            writes = writesSince(google, before);
            record("6 reconnect (resync)", feed, google, name, writes, -1);
            assertThat(writes).as("the resync writes nothing: %s", google.calls().get(BOB)).isZero();
        } finally {
            System.out.println("\nPersonJourneyIT — Bob's journey, feed " + name + "\n" + String.join("\n", table) + "\n");
        }
    }

    // --- the browser -------------------------------------------------------------------------------------

    private void connect(SystemStack stack) {
        browser.get(stack.apiUrl(Service.OAUTH) + "/");
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(ExpectedConditions.elementToBeClickable(By.id("connect"))).click();
        new WebDriverWait(browser, Duration.ofSeconds(20))
                .until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("input[name=account]")));
        browser.findElement(By.cssSelector("input[name=account][value='" + subject(stack) + "']")).click();
        browser.findElement(By.cssSelector("button[value=allow]")).click();
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(ExpectedConditions.textToBe(By.id("email"), BOB));
    }

    /** Clicks the feed's "Sync now" and waits for the page's "Sync started"; answers the click's time. */
    private long syncNow(String feed) {
        WebElement button = feedItem(feed).findElement(By.cssSelector("button.sync-now"));
        long clicked = System.nanoTime();
        button.click();
        waitFor(By.id("message"), text -> text.equals("Sync started for " + feed + "."));
        return clicked;
    }

    private WebElement feedItem(String feed) {
        return new WebDriverWait(browser, Duration.ofSeconds(20)).until(driver -> driver.findElements(By.cssSelector("#feeds li"))
                .stream().filter(li -> li.getText().startsWith(feed)).findFirst().orElse(null));
    }

    /** The feed's line on the page once it says what {@code shows} wants, reloading the page while it does not. */
    private String feedItemText(String feed, Predicate<String> shows) {
        return await().atMost(PATIENCE).pollInterval(Duration.ofMillis(500)).alias("the page's line of " + feed).until(() -> {
            browser.navigate().refresh();
            return feedItem(feed).getText();
        }, shows);
    }

    private void waitFor(By element, Predicate<String> text) {
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(driver -> {
            WebElement found = driver.findElement(element);
            return found.isDisplayed() && text.test(found.getText()) ? found : null;
        });
    }

    /** The feed's last write as the page's API reports it to the page, awaited until it is newer than {@code after}. */
    private Instant awaitNextWrite(String feed, Instant after) {
        return await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200)).alias("a newer write reported for " + feed)
                .until(() -> lastWriteAt(feed), at -> at != null && (after == null || at.isAfter(after)));
    }

    private Instant lastWriteAt(String feed) throws IOException {
        Object answer = ((JavascriptExecutor) browser).executeAsyncScript("const done = arguments[arguments.length - 1];"
                + "fetch('/api/feeds', {credentials: 'same-origin'}).then(r => r.text()).then(done).catch(e => done('ERROR ' + e));");
        for (JsonNode item : JSON.readTree(String.valueOf(answer)).path("feeds")) {
            if (feed.equals(item.path("displayName").asText())) {
                String at = item.path("status").path("lastWriteAt").asText(null);
                return at == null ? null : Instant.parse(at);
            }
        }
        return null;
    }

    // --- Google, as the emulator holds it ------------------------------------------------------------------

    private static List<JsonNode> liveEvents(GoogleEmulatorAdmin google, String calendar) throws IOException, InterruptedException {
        List<JsonNode> live = new ArrayList<>();
        google.calendar(BOB, calendar).ifPresent(found -> found.path("events").forEach(e -> {
            if (live(e)) {
                live.add(e);
            }
        }));
        return live;
    }

    private static boolean live(JsonNode event) {
        return !"cancelled".equals(event.path("status").asText());
    }

    /** The summaries of the calendar's live events (the journey's feed gives each event its own). */
    private static List<String> liveSummaries(GoogleEmulatorAdmin google, String calendar) throws IOException, InterruptedException {
        return liveEvents(google, calendar).stream().map(e -> e.path("summary").asText()).toList();
    }

    /** Cancelled as an override of the series, or excluded by an EXDATE of the series' master. */
    private static boolean occurrenceGone(GoogleEmulatorAdmin google, String calendar, Instant occurrence)
            throws IOException, InterruptedException {
        for (JsonNode e : google.calendar(BOB, calendar).map(found -> iterate(found.path("events"))).orElse(List.of())) {
            JsonNode original = e.path("originalStartTime").path("dateTime");
            if (!original.isMissingNode() && OffsetDateTime.parse(original.asText()).toInstant().equals(occurrence)) {
                return !live(e);
            }
            if ("Weekly sync".equals(e.path("summary").asText()) && e.path("recurringEventId").isMissingNode()) {
                for (JsonNode line : e.path("recurrence")) {
                    if (line.asText().startsWith("EXDATE") && line.asText().contains(
                            java.time.format.DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss").withZone(java.time.ZoneOffset.UTC)
                                    .format(occurrence))) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static List<JsonNode> iterate(JsonNode array) {
        List<JsonNode> all = new ArrayList<>();
        array.forEach(all::add);
        return all;
    }

    /** Calendar writes (every method but reads) for Bob since {@code before}. */
    private static long writesSince(GoogleEmulatorAdmin google, Map<String, Long> before) throws IOException, InterruptedException {
        Map<String, Long> now = new HashMap<>(google.calls().getOrDefault(BOB, Map.of()));
        long writes = 0;
        for (Map.Entry<String, Long> method : now.entrySet()) {
            String name = method.getKey();
            if (!(name.endsWith(".get") || name.endsWith(".list") || name.endsWith(".instances"))) {
                writes += method.getValue() - before.getOrDefault(name, 0L);
            }
        }
        return writes;
    }

    /** Access tokens the emulator issued that still answer userinfo as Bob. */
    private static List<String> bobsLiveAccessTokens(SystemStack stack) throws IOException, InterruptedException {
        List<String> live = new ArrayList<>();
        JsonNode issued = JSON.readTree(get(stack.emulatorUrl().resolve("/emulator/admin/secrets"), null).body());
        for (JsonNode secret : issued) {
            if ("ACCESS_TOKEN".equals(secret.path("kind").asText())) {
                HttpResponse<String> me = get(stack.emulatorUrl().resolve("/oauth2/v3/userinfo"), secret.path("value").asText());
                if (me.statusCode() == 200 && BOB.equals(JSON.readTree(me.body()).path("email").asText())) {
                    live.add(secret.path("value").asText());
                }
            }
        }
        return live;
    }

    private static HttpResponse<String> get(URI uri, String bearer) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET();
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String subject(SystemStack stack) {
        String seed = SecretStore.fromDirectory(stack.secretsDirectory()).read(SecretName.GOOGLE_OAUTH_CLIENTS);
        return GoogleOAuthClients.parse(seed).accounts().stream().filter(account -> account.email().equals(BOB))
                .map(GoogleOAuthClients.Account::sub).findFirst().orElseThrow();
    }

    // --- the report ----------------------------------------------------------------------------------------

    private void record(String step, JourneyFeed feed, GoogleEmulatorAdmin google, String calendar, long writes, long latencyMillis)
            throws IOException, InterruptedException {
        List<JsonNode> live = liveEvents(google, calendar);
        long distinct = live.stream().map(e -> e.path("summary").asText() + "|" + e.path("originalStartTime").path("dateTime").asText())
                .distinct().count();
        long duplicated = live.size() - distinct;
        table.add(String.format("%-34s %8d %6d %10d %7d %12s  %s", step, feed.storedEvents(), live.size(), duplicated, writes,
                latencyMillis < 0 ? "-" : String.valueOf(latencyMillis), load()));
        assertThat(live).as("%s: events in Google", step).hasSize(feed.storedEvents());
        assertThat(duplicated).as("%s: duplicated events", step).isZero();
    }

    private static long millisSince(long nanos) {
        return Duration.ofNanos(System.nanoTime() - nanos).toMillis();
    }

    private static String load() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
            return fields[0] + " " + fields[1] + " " + fields[2] + " (" + Runtime.getRuntime().availableProcessors() + " CPUs)";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

}
