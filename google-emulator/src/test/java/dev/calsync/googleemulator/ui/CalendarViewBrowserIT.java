package dev.calsync.googleemulator.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.Rectangle;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The calendar view in real headless Chromium: a person opens the week, reads it, goes to the next week and
 * back, switches to the agenda and to another account. Screenshots land in {@code target/screenshots};
 * with {@code -Dcalsync.docs.screenshots=true} the week also goes to {@code docs/images/emulator-ui.png}, the
 * README's picture (opt-in, so that an ordinary test run never changes a tracked file). Skipped where Chromium
 * or ChromeDriver is not on the PATH, failed instead with {@code -Dcalsync.require.browser=true} ({@link InstalledChromium}).
 */
class CalendarViewBrowserIT extends CalendarViewSupport {

    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final Path README_PICTURE = Path.of("..", "docs", "images", "emulator-ui.png");
    /** Hour rows of the week grid, in CSS pixels. */
    private static final int HOUR_PX = 48;

    private WebDriver browser;
    private WebDriverWait wait;

    @BeforeEach
    void openChromium() throws IOException {
        InstalledChromium installed = InstalledChromium.find();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(installed.chromium());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
                "--window-size=1280,900", "--hide-scrollbars");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(installed.chromedriver())).usingAnyFreePort().build();
        Files.createDirectories(SCREENSHOTS);
        browser = new ChromeDriver(service, options);
        wait = new WebDriverWait(browser, Duration.ofSeconds(20));
    }

    @AfterEach
    void closeChromium() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void aPersonReadsTheWeekMovesAroundAndSwitchesToTheAgenda() throws IOException {
        SampleWeek week = SampleWeek.writeWith(calendarClient(accessToken(alice())));
        // Bob's first API call makes his primary calendar, which the view then offers
        calendarClient(accessToken(bob())).calendarList().list().execute();
        browser.get(viewUrl("account=" + encode(alice().email()) + "&calendar=" + encode(week.calendarId())
                + "&view=week&week=2026-03-11"));

        assertThat(text(By.id("range"))).isEqualTo("Mon 9 Mar – Sun 15 Mar 2026");
        assertThat(text(By.id("zone"))).isEqualTo("Times in Europe/Berlin, the calendar's time zone.");
        assertThat(browser.findElements(By.cssSelector(".dayhead"))).extracting(WebElement::getText)
                .containsExactly("MON\n9", "TUE\n10", "WED\n11", "THU\n12", "FRI\n13", "SAT\n14", "SUN\n15");
        // all-day events on top, over each day they cover
        assertThat(summaries(".allday[data-day='2026-03-10'] .chip")).containsExactly("Conference");
        assertThat(summaries(".allday[data-day='2026-03-11'] .chip")).containsExactly("Conference");
        assertThat(summaries(".allday[data-day='2026-03-12'] .chip")).isEmpty();
        // the series on its days, not on Wednesday (deleted), on Thursday at its new time
        assertThat(summaries(".day[data-day='2026-03-11'] .event")).containsExactly("Dentist", "1:1 with Bob");
        assertThat(summaries(".day[data-day='2026-03-12'] .event")).containsExactly("Team lunch", "Standup");
        // timed events sit at their hour on a grid from 08:00: Monday's 09:00 standup four hours above its 13:00
        // focus time, Thursday's moved standup (14:00) two hours below the 12:00 lunch
        assertThat(browser.findElements(By.cssSelector(".hour"))).first().extracting(WebElement::getText).isEqualTo("08:00");
        assertThat(block("2026-03-09", "Focus time").getY() - block("2026-03-09", "Standup").getY()).isEqualTo(4 * HOUR_PX);
        assertThat(block("2026-03-12", "Standup").getY() - block("2026-03-12", "Team lunch").getY()).isEqualTo(2 * HOUR_PX);
        // the two 15:00 appointments on Wednesday stand side by side
        Rectangle dentist = block("2026-03-11", "Dentist");
        Rectangle oneOnOne = block("2026-03-11", "1:1 with Bob");
        assertThat(oneOnOne.getY()).isEqualTo(dentist.getY());
        assertThat(oneOnOne.getX()).isGreaterThanOrEqualTo(dentist.getX() + dentist.getWidth());
        screenshot("emulator-ui-week");

        browser.findElement(By.id("next")).click();
        wait.until(ExpectedConditions.textToBe(By.id("range"), "Mon 16 Mar – Sun 22 Mar 2026"));
        assertThat(browser.findElements(By.cssSelector(".event, .chip"))).isEmpty();

        browser.findElement(By.id("prev")).click();
        wait.until(ExpectedConditions.textToBe(By.id("range"), "Mon 9 Mar – Sun 15 Mar 2026"));
        assertThat(browser.findElements(By.cssSelector(".event"))).hasSize(9);

        browser.findElement(By.id("view-agenda")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("agenda")));
        assertThat(text(By.id("range"))).isEqualTo("Mon 9 Mar – Sun 22 Mar 2026");
        assertThat(browser.findElements(By.cssSelector(".agenda-day h2"))).extracting(WebElement::getText)
                .containsExactly("Monday 9 March", "Tuesday 10 March", "Wednesday 11 March", "Thursday 12 March", "Friday 13 March");
        assertThat(browser.findElement(By.cssSelector(".agenda-day[data-day='2026-03-12'] .agenda-event.moved")).getText())
                .contains("14:00–14:15", "Standup", "moved from Thu 12 Mar 09:00");
        assertThat(browser.getPageSource()).doesNotContain("Cancelled lunch");
        screenshot("emulator-ui-agenda");

        browser.findElement(By.linkText(bob().email())).click();
        wait.until(ExpectedConditions.textToBe(By.cssSelector("#calendars a.chosen"), bob().email() + " (primary)"));
        assertThat(browser.findElements(By.cssSelector("#calendars a"))).extracting(WebElement::getText)
                .containsExactly(bob().email() + " (primary)");
        assertThat(text(By.cssSelector(".empty"))).startsWith("Nothing in this calendar");
    }

    private String text(By by) {
        return browser.findElement(by).getText();
    }

    private List<String> summaries(String css) {
        return browser.findElements(By.cssSelector(css)).stream()
                .map(element -> element.findElements(By.cssSelector(".summary")).stream().findFirst()
                        .map(WebElement::getText).orElse(element.getText().replace(" ↻", "")))
                .toList();
    }

    private Rectangle block(String day, String summary) {
        return browser.findElements(By.cssSelector(".day[data-day='" + day + "'] .event")).stream()
                .filter(element -> element.findElement(By.cssSelector(".summary")).getText().equals(summary))
                .findFirst().orElseThrow(() -> new AssertionError("no " + summary + " on " + day)).getRect();
    }

    private void screenshot(String name) throws IOException {
        byte[] png = ((ChromeDriver) browser).getScreenshotAs(OutputType.BYTES);
        Files.write(SCREENSHOTS.resolve(name + ".png"), png);
        if (name.equals("emulator-ui-week") && Boolean.getBoolean("calsync.docs.screenshots")) {
            Files.write(README_PICTURE, png);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
