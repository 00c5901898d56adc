package dev.calsync.googleemulator.batch;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Pattern;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;

/**
 * One call inside a batch: the {@code application/http} body of a part, i.e. a request line, headers and
 * a body ("Send batch requests"). Google's Java client writes absolute URLs in the request line, other
 * clients the path only; both are accepted, as are CRLF and bare LF line ends.
 */
record EmbeddedHttpRequest(HttpMethod method, String pathAndQuery, HttpHeaders headers, byte[] body) {

    private static final String CALENDAR_API = "/calendar/v3/";
    private static final Pattern METHOD = Pattern.compile("[A-Za-z]+");
    private static final Pattern SPACES = Pattern.compile("\\s+");

    static EmbeddedHttpRequest parse(byte[] message) {
        String text = new String(LineEndings.toCrlf(message), StandardCharsets.ISO_8859_1);
        int start = 0;
        while (text.startsWith("\r\n", start)) {
            start += 2;
        }
        int headEnd = text.indexOf("\r\n\r\n", start);
        String head = headEnd < 0 ? text.substring(start) : text.substring(start, headEnd);
        String body = headEnd < 0 ? "" : text.substring(headEnd + 4);
        String[] lines = head.split("\r\n");
        if (lines[0].isBlank()) {
            throw new IllegalArgumentException("A batch part holds no request line.");
        }
        String[] requestLine = SPACES.split(lines[0].trim());
        if (requestLine.length < 2 || requestLine.length > 3 || !METHOD.matcher(requestLine[0]).matches()) {
            throw new IllegalArgumentException("A batch part's request line is not 'METHOD URL [HTTP/1.1]'.");
        }
        HttpHeaders headers = new HttpHeaders();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("A batch part holds a header line without a name.");
            }
            headers.add(lines[i].substring(0, colon).trim(), lines[i].substring(colon + 1).trim());
        }
        return new EmbeddedHttpRequest(HttpMethod.valueOf(requestLine[0].toUpperCase(Locale.ROOT)), pathOf(requestLine[1]),
                headers, body.strip().getBytes(StandardCharsets.ISO_8859_1));
    }

    /**
     * "All the inner requests must go to the same Google API": a batch to {@code /batch/calendar/v3}
     * reaches Calendar methods only, never the emulator's admin or OAuth endpoints. Dot segments (also
     * percent-encoded) would leave the API's path after the check, so a path holding any does not count.
     */
    boolean addressesCalendarApi() {
        URI uri = URI.create(pathAndQuery);
        return uri.getRawPath().startsWith(CALENDAR_API)
                && Arrays.stream(uri.getPath().split("/")).noneMatch(segment -> segment.equals(".") || segment.equals(".."));
    }

    /** The request target's path and query; the target itself is not echoed, as its query may carry a token. */
    private static String pathOf(String target) {
        URI uri;
        try {
            uri = new URI(target);
        } catch (URISyntaxException malformed) {
            throw new IllegalArgumentException("A batch part's request target is not a valid URL.");
        }
        if (uri.getRawPath() == null || !uri.getRawPath().startsWith("/")) {
            throw new IllegalArgumentException("A batch part's request target has no absolute path.");
        }
        return uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    }
}
