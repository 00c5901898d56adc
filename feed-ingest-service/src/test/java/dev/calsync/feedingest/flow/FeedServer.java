package dev.calsync.feedingest.flow;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/** A local HTTP server that serves feeds as publishers do: ETag, 304, redirects, endless bodies. */
final class FeedServer implements AutoCloseable {

    /** What a path answers. {@code endlessBytes} > 0 streams that many bytes of junk without a length. */
    record Answer(int status, byte[] body, String etag, String location, long endlessBytes) {
        static Answer ics(String text) {
            return new Answer(200, text.getBytes(java.nio.charset.StandardCharsets.UTF_8), null, null, 0);
        }

        Answer withEtag(String etag) {
            return new Answer(status, body, etag, location, endlessBytes);
        }
    }

    private final HttpServer server;
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();

    FeedServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/", this::answer);
        server.start();
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    void serve(String path, Answer answer) {
        answers.put(path, answer);
    }

    int requests(String path) {
        return requests.computeIfAbsent(path, p -> new AtomicInteger()).get();
    }

    private void answer(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        requests.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
        Answer answer = answers.get(path);
        try (exchange) {
            if (answer == null) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            if (answer.location() != null) {
                exchange.getResponseHeaders().add("Location", answer.location());
                exchange.sendResponseHeaders(answer.status(), -1);
                return;
            }
            if (answer.etag() != null) {
                exchange.getResponseHeaders().add("ETag", answer.etag());
                if (answer.etag().equals(exchange.getRequestHeaders().getFirst("If-None-Match"))) {
                    exchange.sendResponseHeaders(304, -1);
                    return;
                }
            }
            exchange.getResponseHeaders().add("Content-Type", "text/calendar; charset=utf-8");
            if (answer.endlessBytes() > 0) {
                exchange.sendResponseHeaders(200, 0);
                byte[] junk = new byte[64 * 1024];
                try (OutputStream out = exchange.getResponseBody()) {
                    for (long sent = 0; sent < answer.endlessBytes(); sent += junk.length) {
                        out.write(junk);
                    }
                } catch (IOException clientGaveUp) {
                    // expected: the fetcher stops reading at its limit
                }
                return;
            }
            exchange.sendResponseHeaders(answer.status(), answer.body().length == 0 ? -1 : answer.body().length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer.body());
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
