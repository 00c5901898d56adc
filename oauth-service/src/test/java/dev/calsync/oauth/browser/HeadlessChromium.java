package dev.calsync.oauth.browser;

import dev.calsync.secrets.GoogleOAuthClients;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Real headless Chromium for a browser test, with the connect page's common steps. Screenshots land in
 * {@code target/screenshots}. A test is skipped where Chromium or ChromeDriver is not installed.
 */
final class HeadlessChromium implements AutoCloseable {

    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    final WebDriver driver;
    final WebDriverWait wait;

    private HeadlessChromium(WebDriver driver) {
        this.driver = driver;
        this.wait = new WebDriverWait(driver, Duration.ofSeconds(20));
    }

    static HeadlessChromium open() throws IOException {
        Assumptions.assumeTrue(new File("/usr/bin/chromium").canExecute() && new File("/usr/bin/chromedriver").canExecute(),
                "Chromium and ChromeDriver are installed (.ci/run installs them)");
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage", "--window-size=412,900");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver")).usingAnyFreePort().build();
        Files.createDirectories(SCREENSHOTS);
        return new HeadlessChromium(new ChromeDriver(service, options));
    }

    void screenshot(String name) {
        try {
            Files.write(SCREENSHOTS.resolve(name + ".png"), ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Opens the connect page at {@code http://localhost:<port>/} and connects {@code account} at the emulator's consent page. */
    void connectAs(int port, GoogleOAuthClients.Account account, String shotPrefix) {
        driver.get("http://localhost:" + port + "/");
        screenshot(shotPrefix + "-1-connect-page");
        driver.findElement(By.id("connect")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("input[name=account]")));
        screenshot(shotPrefix + "-2-consent");
        driver.findElement(By.cssSelector("input[name=account][value='" + account.sub() + "']")).click();
        driver.findElement(By.cssSelector("button[value=allow]")).click();
        wait.until(ExpectedConditions.textToBe(By.id("email"), account.email()));
    }

    @Override
    public void close() {
        driver.quit();
    }
}
