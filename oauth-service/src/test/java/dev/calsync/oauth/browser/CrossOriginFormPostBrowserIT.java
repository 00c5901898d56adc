package dev.calsync.oauth.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.calsync.oauth.OAuthServiceTestSupport;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * Issue part 3 in real headless Chromium: a page on another port of the same host ({@code localhost}, the
 * same site, another origin) auto-submits plain forms to the page's disconnect and sync endpoints in a browser
 * signed in to calsync. The session cookie goes along (SameSite=Lax lets the same site through), so only the
 * origin check stands between them: both are refused, nothing reaches token-service or feed-ingest, and the
 * page's own buttons still work in the same browser. Grace's alone: her grant and feed are this test's.
 */
class CrossOriginFormPostBrowserIT extends OAuthServiceTestSupport {

    private HeadlessChromium chromium;
    private HttpServer otherOrigin;

    @BeforeEach
    void openBrowser() throws IOException {
        chromium = HeadlessChromium.open();
    }

    @AfterEach
    void close() {
        if (otherOrigin != null) {
            otherOrigin.stop(0);
        }
        if (chromium != null) {
            chromium.close();
        }
    }

    @Test
    void sameSiteFormPostsToDisconnectAndSyncAreRefusedWhileThePageItselfWorks() {
        chromium.connectAs(PORT, GRACE, "cross-origin");
        chromium.driver.findElement(By.id("feed-url")).sendKeys("https://calendar.example.com/ical/grace.ics");
        chromium.driver.findElement(By.id("feed-name")).sendKeys("Choir");
        chromium.driver.findElement(By.id("add-feed-button")).click();
        chromium.wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#feeds li[data-feed-id] .sync-now")));
        String feedId = chromium.driver.findElement(By.cssSelector("#feeds li[data-feed-id]")).getDomAttribute("data-feed-id");

        startOtherOrigin(feedId);
        String attacker = "http://localhost:" + otherOrigin.getAddress().getPort();
        for (String form : new String[] {"sync", "disconnect"}) {
            chromium.driver.get(attacker + "/" + form);
            // the form's answer replaces the attacker's page: the service got the post and refused it
            chromium.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"), "did not come from the calsync page"));
            chromium.screenshot("cross-origin-3-" + form + "-refused");
        }
        assertThat(feedIngest().calls).as("no sync was requested").isEmpty();
        assertThat(tokenService().calls).as("nothing was revoked").isEmpty();

        chromium.driver.get("http://localhost:" + PORT + "/");
        chromium.wait.until(ExpectedConditions.textToBe(By.id("email"), GRACE.email()));
        chromium.wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("#feeds .sync-now"))).click();
        chromium.wait.until(ExpectedConditions.textToBe(By.id("message"), "Sync started for Choir."));
        assertThat(feedIngest().calls).extracting(call -> call.path()).containsExactly("/api/feeds/" + feedId + "/refresh");

        chromium.driver.findElement(By.id("disconnect")).click();
        chromium.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("connect")));
        assertThat(chromium.driver.findElement(By.id("message")).getText()).contains("Disconnected");
        assertThat(tokenService().calls).hasSize(1);
        chromium.screenshot("cross-origin-4-page-still-works");
    }

    /** Serves, on a port of its own on every local address, one page per form that posts it on load. */
    private void startOtherOrigin(String feedId) {
        try {
            otherOrigin = HttpServer.create(new InetSocketAddress(0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        String service = "http://localhost:" + PORT;
        autoSubmitting("/sync", service + "/api/feeds/" + feedId + "/sync");
        autoSubmitting("/disconnect", service + "/api/google-oauth/disconnect");
        otherOrigin.start();
    }

    private void autoSubmitting(String path, String action) {
        byte[] page = ("<!doctype html><html><body><form method=\"post\" action=\"" + action + "\">"
                + "<input type=\"hidden\" name=\"confirm\" value=\"yes\"></form>"
                + "<script>document.forms[0].submit()</script></body></html>").getBytes(StandardCharsets.UTF_8);
        otherOrigin.createContext(path, exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, page.length);
            exchange.getResponseBody().write(page);
            exchange.close();
        });
    }
}
