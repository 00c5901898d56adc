package dev.calsync.oauth.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.awt.Desktop;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * The desktop / CLI loopback flow: {@code java -cp oauth-service.jar -Dloader.main=dev.calsync.oauth.cli.DesktopConnect
 * org.springframework.boot.loader.launch.PropertiesLauncher [oauth-service URL]}. It asks oauth-service for the desktop
 * client id, opens the browser at Google's consent page (or prints the URL), listens once on 127.0.0.1 on a free port,
 * checks {@code state}, uses PKCE (S256), shows a success or error page in the browser and posts
 * {@code {code, codeVerifier, redirectUri}} to {@code POST /api/desktop/google-oauth/exchange}. It gives up after
 * 5 minutes.
 */
public final class DesktopConnect {

    public static final Duration TIMEOUT = Duration.ofMinutes(5);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();

    /** How it ended: a message for the person, and whether it connected. */
    public record Outcome(boolean connected, String message) {
    }

    private final URI service;
    private final Consumer<URI> openBrowser;
    private final Duration timeout;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    public DesktopConnect(URI service, Consumer<URI> openBrowser, Duration timeout) {
        this.service = service;
        this.openBrowser = openBrowser;
        this.timeout = timeout;
    }

    public static void main(String[] args) {
        URI service = URI.create(args.length > 0 ? args[0] : "http://localhost:8081");
        PrintStream out = System.out;
        Outcome outcome = new DesktopConnect(service, url -> openOrPrint(url, out), TIMEOUT).run();
        out.println(outcome.message());
        System.exit(outcome.connected() ? 0 : 1);
    }

    static void openOrPrint(URI url, PrintStream out) {
        out.println("Open this address in your browser to connect Google Calendar:");
        out.println(url);
        try {
            if (Desktop.isDesktopSupported() && Desktop.getDesktop().isSupported(Desktop.Action.BROWSE)) {
                Desktop.getDesktop().browse(url);
            }
        } catch (IOException | RuntimeException | LinkageError headless) {
            // the printed address is enough
        }
    }

    public Outcome run() {
        try {
            Map<?, ?> config = getJson(service.resolve("/api/desktop/google-oauth/config"));
            String verifier = random();
            String state = random();
            CompletableFuture<Map<String, String>> answer = new CompletableFuture<>();
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            String redirectUri = "http://127.0.0.1:" + server.getAddress().getPort() + "/";
            CompletableFuture<String> page = new CompletableFuture<>();
            server.createContext("/", exchange -> {
                Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
                if (!exchange.getRequestURI().getPath().equals("/") || (!query.containsKey("code") && !query.containsKey("error"))) {
                    exchange.sendResponseHeaders(404, -1);
                    exchange.close();
                    return;
                }
                answer.complete(query);
                String html;
                try {
                    html = page.get(60, TimeUnit.SECONDS);
                } catch (Exception e) {
                    html = "calsync did not finish in time; see the terminal.";
                }
                byte[] body = ("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>calsync</title></head><body><h1>"
                        + html + "</h1><p>You can close this window.</p></body></html>").getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            server.start();
            try {
                URI authorization = URI.create(config.get("authorizationEndpoint") + "?response_type=code"
                        + "&client_id=" + encode((String) config.get("clientId"))
                        + "&redirect_uri=" + encode(redirectUri)
                        + "&scope=" + encode((String) config.get("scope"))
                        + "&access_type=offline&prompt=consent"
                        + "&state=" + encode(state)
                        + "&code_challenge=" + challenge(verifier) + "&code_challenge_method=S256");
                openBrowser.accept(authorization);
                Map<String, String> query;
                try {
                    query = answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                } catch (TimeoutException e) {
                    return new Outcome(false, "No answer from the browser within " + timeout.toMinutes()
                            + " minutes; nothing was connected. Run the command again.");
                }
                Outcome outcome = finish(query, state, verifier, redirectUri);
                page.complete(outcome.connected() ? "Connected. Return to the terminal." : "Not connected: " + escape(outcome.message()));
                return outcome;
            } finally {
                server.stop(1);
            }
        } catch (IOException e) {
            return new Outcome(false, "calsync could not be reached at " + service + " (" + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()) + ").");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(false, "Interrupted; nothing was connected.");
        } catch (Exception e) {
            return new Outcome(false, "Connecting failed: " + e.getMessage());
        }
    }

    private Outcome finish(Map<String, String> query, String state, String verifier, String redirectUri)
            throws IOException, InterruptedException {
        if (!state.equals(query.get("state"))) {
            return new Outcome(false, "The answer did not carry this sign-in's state; nothing was connected.");
        }
        if (query.containsKey("error")) {
            return new Outcome(false, "access_denied".equals(query.get("error"))
                    ? "You cancelled at Google's consent screen; nothing was connected."
                    : "Google answered " + query.get("error") + "; nothing was connected.");
        }
        String body = JSON.writeValueAsString(Map.of("code", query.get("code"), "codeVerifier", verifier, "redirectUri", redirectUri));
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(service.resolve("/api/desktop/google-oauth/exchange"))
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        Map<?, ?> json = JSON.readValue(response.body(), Map.class);
        return response.statusCode() == 201
                ? new Outcome(true, "Connected Google Calendar for " + json.get("email") + ".")
                : new Outcome(false, "calsync refused the sign-in: " + json.get("error"));
    }

    private Map<?, ?> getJson(URI uri) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("HTTP " + response.statusCode() + " from " + uri);
        }
        return JSON.readValue(response.body(), Map.class);
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> query = new HashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    query.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return query;
    }

    private static String random() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String challenge(String verifier) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
