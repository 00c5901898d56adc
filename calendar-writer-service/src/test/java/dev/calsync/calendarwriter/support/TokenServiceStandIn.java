package dev.calsync.calendarwriter.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * token-service's access-token API over real HTTP ({@code POST /internal/v1/subscribers/{id}/access-token}
 * with {@code {"grant_id":…}} and the service credential), answering with tokens the emulator issues
 * through its admin grants endpoint, as token-service would after a refresh. Tests mark grants revoked
 * (409) or not yet stored (503) and count forced refreshes.
 */
public final class TokenServiceStandIn implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final URI emulator;
    private final String serviceCredential;
    private final HttpClient http = HttpClient.newHttpClient();
    private final Map<String, String> accounts = new ConcurrentHashMap<>();
    private final Map<String, String> tokens = new ConcurrentHashMap<>();
    public final Set<String> revokedGrants = ConcurrentHashMap.newKeySet();
    public final Set<String> pendingGrants = ConcurrentHashMap.newKeySet();
    public final AtomicInteger requests = new AtomicInteger();
    public final AtomicInteger forcedRefreshes = new AtomicInteger();
    private final Map<String, AtomicInteger> notStoredYet = new ConcurrentHashMap<>();

    public TokenServiceStandIn(URI emulator, String serviceCredential) throws IOException {
        this.emulator = emulator;
        this.serviceCredential = serviceCredential;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/internal/v1/subscribers/", this::handle);
        server.start();
    }

    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** How often a request for this grant was answered 503 "not stored yet". */
    public int notStoredYetAnswers(UUID grant) {
        AtomicInteger answers = notStoredYet.get(grant.toString());
        return answers == null ? 0 : answers.get();
    }

    /** The Google account a subscriber connected. */
    public void connect(String subscriberId, String email) {
        accounts.put(subscriberId, email);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!("Bearer " + serviceCredential).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                answer(exchange, 401, "{}");
                return;
            }
            requests.incrementAndGet();
            String path = exchange.getRequestURI().getPath();
            String subscriber = path.substring("/internal/v1/subscribers/".length(), path.lastIndexOf("/access-token"));
            String grant = JSON.readTree(exchange.getRequestBody()).path("grant_id").asText();
            boolean force = "force=true".equals(exchange.getRequestURI().getQuery());
            if (revokedGrants.contains(grant)) {
                answer(exchange, 409, "{\"error\":\"grant revoked\"}");
                return;
            }
            if (pendingGrants.contains(grant)) {
                notStoredYet.computeIfAbsent(grant, key -> new AtomicInteger()).incrementAndGet();
                exchange.getResponseHeaders().add("Retry-After", "1");
                answer(exchange, 503, "{\"error\":\"grant not stored yet\"}");
                return;
            }
            String email = accounts.get(subscriber);
            if (email == null) {
                answer(exchange, 404, "{}");
                return;
            }
            if (force) {
                forcedRefreshes.incrementAndGet();
            }
            String key = subscriber + "/" + grant;
            String token = force ? null : tokens.get(key);
            if (token == null) {
                token = issue(email);
                tokens.put(key, token);
            }
            answer(exchange, 200, JSON.writeValueAsString(Map.of("access_token", token,
                    "expires_at", Instant.now().plusSeconds(3000).toString(), "grant_id", grant)));
        } catch (Exception e) {
            answer(exchange, 500, "{}");
        }
    }

    private String issue(String email) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(emulator + "/emulator/admin/grants"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("account", email))))
                .build(), HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(response.body()).path("access_token").asText();
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
