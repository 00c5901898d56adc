package dev.calsync.googleemulator.batch;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Pattern;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.web.util.UriUtils;

/**
 * One call inside a batch: the {@code application/http} body of a part, i.e. a request line, headers and
 * a body ("Send batch requests"). Google's Java client writes absolute URLs in the request line, other
 * clients the path only; both are accepted. Line ends are CRLF: the batch controller converts bare LF in the
 * whole envelope before the parts are read.
 */
record EmbeddedHttpRequest(HttpMethod method, String pathAndQuery, HttpHeaders headers, byte[] body) {

    private static final String CALENDAR_API = "/calendar/v3/";
    private static final Pattern METHOD = Pattern.compile("[A-Za-z]+");
    private static final Pattern SPACES = Pattern.compile("\\s+");

    /** @param message a part's body with CRLF line ends */
    static EmbeddedHttpRequest parse(byte[] message) {
        String text = new String(message, StandardCharsets.ISO_8859_1);
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
     * reaches Calendar methods only, never the emulator's admin or OAuth endpoints. The check is made on the
     * raw path exactly as the loopback call sends it (and as the API filter sees it): it must start with
     * {@code /calendar/v3/}, hold no empty segment ({@code //}), and no segment that is a dot segment once its
     * {@code ;parameters} are cut and it is percent-decoded ({@code ..}, {@code %2e%2e}, {@code ..;x}), nor
     * one that decodes to a slash or backslash, as any of these could leave the API's path after the check.
     */
    boolean addressesCalendarApi() {
        return addressesCalendarApi(path());
    }

    static boolean addressesCalendarApi(String rawPath) {
        if (!rawPath.startsWith(CALENDAR_API) || rawPath.contains("//")) {
            return false;
        }
        for (String segment : rawPath.split("/", -1)) {
            int parameters = segment.indexOf(';');
            String decoded;
            try {
                decoded = UriUtils.decode(parameters < 0 ? segment : segment.substring(0, parameters), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException malformed) {
                return false;
            }
            if (decoded.equals(".") || decoded.equals("..") || decoded.contains("/") || decoded.contains("\\")) {
                return false;
            }
        }
        return true;
    }

    /** The raw path the call is sent to. */
    String path() {
        int query = pathAndQuery.indexOf('?');
        return query < 0 ? pathAndQuery : pathAndQuery.substring(0, query);
    }

    /** The raw query, null when there is none. */
    String query() {
        int query = pathAndQuery.indexOf('?');
        return query < 0 ? null : pathAndQuery.substring(query + 1);
    }

    /**
     * The request target's raw path and query; the target itself is not echoed, as its query may carry a token.
     * A path-only target is taken as written (a URI parser would read {@code //x/...} as a host); of an
     * absolute URL only the path and query count, as the call goes to the emulator itself whatever host it names.
     */
    private static String pathOf(String target) {
        URI uri;
        try {
            // prefixed, a path-only target is parsed only to be validated: its path is the text after the prefix
            uri = new URI(target.startsWith("/") ? "http://batch.invalid" + target : target);
        } catch (URISyntaxException malformed) {
            throw new IllegalArgumentException("A batch part's request target is not a valid URL.");
        }
        if (target.startsWith("/")) {
            return uri.getRawFragment() == null ? target : target.substring(0, target.indexOf('#'));
        }
        if (!uri.isAbsolute() || uri.getRawPath() == null || !uri.getRawPath().startsWith("/")) {
            throw new IllegalArgumentException("A batch part's request target has no absolute path.");
        }
        return uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    }
}
