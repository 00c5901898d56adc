package dev.calsync.feedingest.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpServer;
import dev.calsync.feedingest.config.FeedIngestProperties;
import java.io.ByteArrayOutputStream;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Collections;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The fetcher against a local server, with the address guard as production has it. */
class FeedFetcherTest {

    HttpServer server;
    final AtomicInteger hits = new AtomicInteger();

    static FeedIngestProperties properties(boolean allowLoopback, boolean allowPrivate, long maxBody) {
        return new FeedIngestProperties(Duration.ofMinutes(15), Duration.ZERO, Duration.ofHours(6), Duration.ofSeconds(5), 8,
                Duration.ofMinutes(5), 2, Duration.ofSeconds(2), Duration.ofSeconds(5), maxBody, 3, allowLoopback, allowPrivate,
                ZoneId.of("UTC"), 0.5, 10, 3);
    }

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress("0.0.0.0", 0), 0);
        server.createContext("/feed.ics", exchange -> {
            hits.incrementAndGet();
            ByteArrayOutputStream zipped = new ByteArrayOutputStream();
            try (GZIPOutputStream gzip = new GZIPOutputStream(zipped)) {
                gzip.write("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n".getBytes(StandardCharsets.UTF_8));
            }
            exchange.getResponseHeaders().add("Content-Encoding", "gzip");
            exchange.getResponseHeaders().add("Content-Type", "text/calendar; charset=ISO-8859-1");
            exchange.sendResponseHeaders(200, zipped.size());
            exchange.getResponseBody().write(zipped.toByteArray());
            exchange.close();
        });
        server.createContext("/to-loopback", exchange -> {
            hits.incrementAndGet();
            exchange.getResponseHeaders().add("Location", "http://127.0.0.1:" + server.getAddress().getPort() + "/feed.ics");
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        server.createContext("/slow", exchange -> {
            hits.incrementAndGet();
            try {
                Thread.sleep(3000);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4));
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    String loopback(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    @Test
    void readsGzipAndTheDeclaredCharsetAndWebcalIsHttps() {
        FetchResult result = new FeedFetcher(properties(true, false, 1024)).fetch(loopback("/feed.ics"), null, null);
        assertThat(result).isInstanceOfSatisfying(FetchResult.Fetched.class, fetched -> {
            assertThat(new String(fetched.body(), fetched.charset())).startsWith("BEGIN:VCALENDAR");
            assertThat(fetched.charset()).isEqualTo(StandardCharsets.ISO_8859_1);
        });
        assertThat(FeedFetcher.webcalAsHttps(java.net.URI.create("webcal://example.com/a.ics")).toString())
                .isEqualTo("https://example.com/a.ics");
    }

    @Test
    void loopbackIsRefusedBeforeAnyConnectionUnlessAllowed() {
        FetchResult result = new FeedFetcher(properties(false, false, 1024)).fetch(loopback("/feed.ics"), null, null);
        assertThat(result).isInstanceOfSatisfying(FetchResult.Failed.class,
                failed -> assertThat(failed.reason()).contains("refused").contains("loopback").doesNotContain("/feed.ics"));
        assertThat(hits).hasValue(0);
    }

    @Test
    void aRedirectToLoopbackIsRefused() throws Exception {
        InetAddress own = Collections.list(NetworkInterface.getNetworkInterfaces()).stream()
                .flatMap(i -> Collections.list(i.getInetAddresses()).stream())
                .filter(a -> a instanceof Inet4Address && !a.isLoopbackAddress() && !a.isLinkLocalAddress())
                .findFirst().orElse(null);
        assumeTrue(own != null, "needs a non-loopback address");
        String url = "http://" + own.getHostAddress() + ":" + server.getAddress().getPort() + "/to-loopback";
        FetchResult result = new FeedFetcher(properties(false, true, 1024)).fetch(url, null, null);
        assertThat(result).isInstanceOfSatisfying(FetchResult.Failed.class,
                failed -> assertThat(failed.reason()).contains("refused").contains("127.0.0.1"));
        assertThat(hits).hasValue(1);
    }

    @Test
    void privateAndMetadataAddressesAreRefused() {
        AddressGuard guard = new AddressGuard(true, false);
        assertThat(guard.refusal("169.254.169.254")).contains("link-local");
        assertThat(guard.refusal("10.1.2.3")).contains("private");
        assertThat(guard.refusal("192.168.0.1")).contains("private");
        assertThat(guard.refusal("100.100.100.200")).contains("carrier-grade");
        assertThat(guard.refusal("fd00::1")).contains("private");
        assertThat(guard.refusal("93.184.215.14")).isNull();
    }

    @Test
    void aServerThatDoesNotAnswerInTimeIsAFailureNotAHang() {
        FeedIngestProperties quick = new FeedIngestProperties(Duration.ofMinutes(15), Duration.ZERO, Duration.ofHours(6),
                Duration.ofSeconds(5), 8, Duration.ofMinutes(5), 2, Duration.ofSeconds(1), Duration.ofSeconds(1), 1024, 3, true,
                false, ZoneId.of("UTC"), 0.5, 10, 3);
        FetchResult result = new FeedFetcher(quick).fetch(loopback("/slow"), null, null);
        assertThat(result).isInstanceOfSatisfying(FetchResult.Failed.class,
                failed -> assertThat(failed.reason()).contains("did not answer in time").doesNotContain("/slow"));
    }

    @Test
    void aBodyOverTheLimitIsNotRead() {
        FetchResult result = new FeedFetcher(properties(true, false, 10)).fetch(loopback("/feed.ics"), null, null);
        assertThat(result).isInstanceOfSatisfying(FetchResult.Failed.class,
                failed -> assertThat(failed.reason()).contains("larger than"));
    }
}
