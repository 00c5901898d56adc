package dev.calsync.oauth.feed;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A one-answer stand-in for another calsync service's HTTP API (token-service, feed-ingest), started once for
 * the run ({@link dev.calsync.oauth.OAuthServiceTestSupport}) and {@link #reset()} before each test.
 */
public final class StubService {

    public record Call(String method, String path, String authorization) {
    }

    private final HttpServer server;
    public final List<Call> calls = new CopyOnWriteArrayList<>();
    public volatile int status = 200;

    private StubService(HttpServer server) {
        this.server = server;
    }

    public static StubService start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            StubService stub = new StubService(server);
            server.createContext("/", exchange -> {
                stub.calls.add(new Call(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                        exchange.getRequestHeaders().getFirst("Authorization")));
                exchange.getRequestBody().readAllBytes();
                byte[] body = "{}".getBytes();
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(stub.status, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            server.start();
            return stub;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Answers 200 again and forgets every call: a stand-in lives for the whole run, each test starts from this. */
    public void reset() {
        status = 200;
        calls.clear();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }
}
