package dev.calsync.calendarwriter.google;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.calsync.calendarwriter.config.WriterProperties;
import dev.calsync.calendarwriter.support.WriterSettings;
import dev.calsync.secrets.SecretName;
import dev.calsync.secrets.SecretStore;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The access-token cache is bounded: one entry per (subscriber, grant), never more than its size. */
class TokenServiceClientTest {

    private static final Instant NOW = Instant.parse("2026-12-03T12:00:00Z");

    private final AtomicInteger fetches = new AtomicInteger();
    private HttpServer tokenService;

    @TempDir
    Path secrets;

    @BeforeEach
    void startTokenService() throws Exception {
        tokenService = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        tokenService.createContext("/internal/v1/subscribers/", exchange -> {
            int n = fetches.incrementAndGet();
            byte[] body = ("{\"access_token\":\"token-" + n + "\",\"expires_at\":\"" + NOW.plus(Duration.ofHours(1)) + "\"}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        tokenService.start();
        Files.writeString(secrets.resolve(SecretName.SERVICE_CREDENTIAL.fileName()), "credential-for-the-test");
    }

    @AfterEach
    void stop() {
        tokenService.stop(0);
    }

    private TokenServiceClient client(int cacheSize) {
        WriterProperties properties = WriterSettings.with(Map.of(
                "calsync.writer.token-service-url", "http://127.0.0.1:" + tokenService.getAddress().getPort(),
                "calsync.writer.token-cache-size", String.valueOf(cacheSize)));
        return new TokenServiceClient(properties, new SecretStore(secrets, name -> null), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void aCachedTokenIsReusedAndTheCacheNeverHoldsMoreThanItsSize() {
        TokenServiceClient client = client(2);
        UUID grant = UUID.randomUUID();

        String first = client.accessToken("sub-1", grant, false);
        assertThat(client.accessToken("sub-1", grant, false)).as("cached").isEqualTo(first);
        assertThat(fetches).hasValue(1);

        for (int i = 2; i <= 50; i++) {
            client.accessToken("sub-" + i, UUID.randomUUID(), false);
        }
        assertThat(fetches).hasValue(50);
        assertThat(client.cachedTokens()).as("50 subscribers, a cache of 2").isLessThanOrEqualTo(2);
    }

    @Test
    void aForcedRefreshAsksTokenServiceAgain() {
        TokenServiceClient client = client(10);
        UUID grant = UUID.randomUUID();

        String first = client.accessToken("sub-1", grant, false);
        String refreshed = client.accessToken("sub-1", grant, true);

        assertThat(refreshed).isNotEqualTo(first);
        assertThat(client.accessToken("sub-1", grant, false)).isEqualTo(refreshed);
        assertThat(fetches).hasValue(2);
    }
}
