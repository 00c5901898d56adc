package dev.calsync.feedingest.fetch;

import dev.calsync.feedingest.config.FeedIngestProperties;
import dev.calsync.feedingest.feed.FeedUrlCipher;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import org.springframework.stereotype.Component;

/**
 * Conditional GET of an untrusted feed URL with the JDK client (blocking, on a fetch worker thread):
 * {@code webcal://} read as https, connect and read timeouts, gzip, a size cap counted on the
 * decompressed bytes (a small gzip bomb must not fill the heap), redirects followed by hand so each
 * target is checked by the {@link AddressGuard} before it is contacted.
 */
@Component
public class FeedFetcher {

    private final FeedIngestProperties properties;
    private final AddressGuard guard;
    private final HttpClient http;

    public FeedFetcher(FeedIngestProperties properties) {
        this.properties = properties;
        this.guard = new AddressGuard(properties.allowLoopback(), properties.allowPrivateNetworks());
        this.http = HttpClient.newBuilder()
                .connectTimeout(properties.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    public FetchResult fetch(String url, String etag, String lastModified) {
        URI target;
        try {
            target = webcalAsHttps(new URI(url.strip()));
        } catch (URISyntaxException | IllegalArgumentException notAUrl) {
            return new FetchResult.Failed("the feed URL is not a valid URL");
        }
        for (int redirects = 0; ; redirects++) {
            String scheme = target.getScheme() == null ? "" : target.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https")) {
                return new FetchResult.Failed("only http, https and webcal feeds can be fetched, not " + scheme);
            }
            if (target.getHost() == null) {
                return new FetchResult.Failed("the feed URL has no host");
            }
            String refusal = guard.refusal(target.getHost());
            if (refusal != null) {
                return new FetchResult.Failed(refusal);
            }
            HttpRequest.Builder request = HttpRequest.newBuilder(target).GET()
                    .timeout(properties.readTimeout())
                    .header("Accept", "text/calendar, */*;q=0.5")
                    .header("Accept-Encoding", "gzip")
                    .header("User-Agent", "calsync-feed-ingest");
            // validators belong to the URL that gave them; redirects are fetched unconditionally
            if (redirects == 0 && etag != null) {
                request.header("If-None-Match", etag);
            }
            if (redirects == 0 && lastModified != null) {
                request.header("If-Modified-Since", lastModified);
            }
            HttpResponse<InputStream> response;
            try {
                response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            } catch (HttpTimeoutException timeout) {
                return new FetchResult.Failed("the feed's server did not answer in time (" + FeedUrlCipher.redacted(target) + ")");
            } catch (IOException unreachable) {
                return new FetchResult.Failed("the feed's server could not be reached (" + FeedUrlCipher.redacted(target) + ")");
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                return new FetchResult.Failed("the fetch was interrupted");
            }
            int status = response.statusCode();
            if (status == 304) {
                close(response);
                return new FetchResult.NotModified();
            }
            if (status == 301 || status == 302 || status == 303 || status == 307 || status == 308) {
                close(response);
                if (redirects >= properties.maxRedirects()) {
                    return new FetchResult.Failed("the feed redirected more than " + properties.maxRedirects() + " times");
                }
                String location = response.headers().firstValue("Location").orElse(null);
                if (location == null) {
                    return new FetchResult.Failed("the feed's server redirected without a Location");
                }
                try {
                    target = webcalAsHttps(target.resolve(location.strip()));
                } catch (IllegalArgumentException badLocation) {
                    return new FetchResult.Failed("the feed's server redirected to an invalid URL");
                }
                continue;
            }
            if (status < 200 || status > 299) {
                close(response);
                return new FetchResult.Failed("the feed's server answered HTTP " + status);
            }
            return readBody(response);
        }
    }

    private FetchResult readBody(HttpResponse<InputStream> response) {
        long max = properties.maxBodyBytes();
        long declared = response.headers().firstValueAsLong("Content-Length").orElse(-1);
        boolean gzip = response.headers().firstValue("Content-Encoding").map(e -> e.toLowerCase(Locale.ROOT).contains("gzip")).orElse(false);
        if (!gzip && declared > max) {
            close(response);
            return tooLarge(max);
        }
        try (InputStream raw = response.body(); InputStream body = gzip ? new GZIPInputStream(raw, 65536) : raw) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream((int) Math.min(Math.max(declared, 65536), max));
            byte[] buffer = new byte[65536];
            long total = 0;
            for (int read; (read = body.read(buffer)) >= 0; ) {
                total += read;
                if (total > max) {
                    return tooLarge(max);
                }
                bytes.write(buffer, 0, read);
            }
            String contentType = response.headers().firstValue("Content-Type").orElse("");
            return new FetchResult.Fetched(bytes.toByteArray(), charset(contentType),
                    response.headers().firstValue("ETag").orElse(null),
                    response.headers().firstValue("Last-Modified").orElse(null));
        } catch (HttpTimeoutException timeout) {
            return new FetchResult.Failed("the feed's server stopped sending before the feed was complete (timeout)");
        } catch (IOException broken) {
            return new FetchResult.Failed("the feed could not be read completely: " + broken.getClass().getSimpleName());
        }
    }

    private static FetchResult tooLarge(long max) {
        return new FetchResult.Failed("the feed is larger than " + (max / (1024 * 1024)) + " MB and was not read");
    }

    /** The charset the server declares; iCalendar's default is UTF-8. */
    static Charset charset(String contentType) {
        for (String part : contentType.split(";")) {
            String trimmed = part.strip();
            if (trimmed.toLowerCase(Locale.ROOT).startsWith("charset=")) {
                try {
                    return Charset.forName(trimmed.substring(8).replace("\"", "").strip());
                } catch (RuntimeException unknown) {
                    return StandardCharsets.UTF_8;
                }
            }
        }
        return StandardCharsets.UTF_8;
    }

    static URI webcalAsHttps(URI uri) {
        if (uri.getScheme() != null && uri.getScheme().equalsIgnoreCase("webcal")) {
            return URI.create("https" + uri.toString().substring("webcal".length()));
        }
        return uri;
    }

    private static void close(HttpResponse<InputStream> response) {
        try {
            response.body().close();
        } catch (IOException ignored) {
            // the connection is dropped either way
        }
    }
}
