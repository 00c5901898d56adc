package dev.calsync.systemtests.actors;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A publisher's web server on loopback (or another address of this machine): serves each feed's current text at {@code /<name>.ics} and counts
 * its downloads; a test edits a feed by publishing a new text.
 */
public final class FeedServer implements AutoCloseable {

    private final HttpServer server;
    private final String host;
    private final Map<String, String> feeds = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> downloads = new ConcurrentHashMap<>();

    private FeedServer(HttpServer server, String host) {
        this.server = server;
        this.host = host;
    }

    public static FeedServer start() throws IOException {
        return start("127.0.0.1");
    }

    /** On another address of this machine, e.g. its address on a Docker network, which containers reach. */
    public static FeedServer start(String address) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(address, 0), 0);
        FeedServer feeds = new FeedServer(server, address);
        server.createContext("/", exchange -> {
            try (exchange) {
                String name = exchange.getRequestURI().getPath().substring(1);
                String text = feeds.feeds.get(name);
                if (text == null) {
                    exchange.sendResponseHeaders(404, -1);
                    return;
                }
                feeds.downloads.computeIfAbsent(name, ignored -> new AtomicInteger()).incrementAndGet();
                byte[] body = text.getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "text/calendar; charset=utf-8");
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        });
        server.start();
        return feeds;
    }

    /** Publishes (or replaces) a feed; answers its address. */
    public URI publish(String name, String icsText) {
        feeds.put(name + ".ics", icsText);
        return URI.create("http://" + host + ":" + server.getAddress().getPort() + "/" + name + ".ics");
    }

    public int downloads(String name) {
        AtomicInteger count = downloads.get(name + ".ics");
        return count == null ? 0 : count.get();
    }

    /** A feed of simple half-hour events, one per summary, an hour apart from 2030-01-07 09:00 UTC (UIDs {@code <n>@<feed>}). */
    public static String simpleFeed(String feed, List<String> summaries) {
        java.time.format.DateTimeFormatter utc = java.time.format.DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'");
        java.time.LocalDateTime first = java.time.LocalDateTime.of(2030, 1, 7, 9, 0);
        StringBuilder ics = new StringBuilder("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//calsync system tests//EN\r\n");
        for (int i = 0; i < summaries.size(); i++) {
            java.time.LocalDateTime start = first.plusHours(i);
            ics.append("BEGIN:VEVENT\r\nUID:").append(i + 1).append('@').append(feed).append("\r\n")
                    .append("DTSTAMP:20300101T000000Z\r\n")
                    .append("DTSTART:").append(utc.format(start)).append("\r\n")
                    .append("DTEND:").append(utc.format(start.plusMinutes(30))).append("\r\n")
                    .append("SUMMARY:").append(summaries.get(i)).append("\r\n")
                    .append("END:VEVENT\r\n");
        }
        return ics.append("END:VCALENDAR\r\n").toString();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
