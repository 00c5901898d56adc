package dev.calsync.googleemulator.batch;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;

/**
 * One call inside a batch: the {@code application/http} body of a part, i.e. a request line, headers and
 * a body ("Send batch requests"). Google's Java client writes absolute URLs in the request line, other
 * clients the path only; both are accepted.
 */
record EmbeddedHttpRequest(HttpMethod method, String pathAndQuery, HttpHeaders headers, byte[] body) {

    static EmbeddedHttpRequest parse(byte[] message) {
        String text = new String(message, StandardCharsets.ISO_8859_1);
        int headersEnd = indexOfBlankLine(text);
        String head = headersEnd < 0 ? text : text.substring(0, headersEnd);
        String[] lines = head.split("\r?\n");
        int first = 0;
        while (first < lines.length && lines[first].isBlank()) {
            first++;
        }
        if (first == lines.length) {
            throw new IllegalArgumentException("a batch part holds no request line");
        }
        String[] requestLine = lines[first].trim().split(" ");
        if (requestLine.length < 2) {
            throw new IllegalArgumentException("a batch part's request line is not 'METHOD URL [HTTP/1.1]'");
        }
        HttpHeaders headers = new HttpHeaders();
        for (int i = first + 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.add(lines[i].substring(0, colon).trim(), lines[i].substring(colon + 1).trim());
            }
        }
        byte[] body = new byte[0];
        if (headersEnd >= 0) {
            int bodyStart = text.startsWith("\r\n", headersEnd) ? headersEnd + 4 : headersEnd + 2;
            String bodyText = bodyStart < text.length() ? text.substring(bodyStart) : "";
            body = bodyText.strip().getBytes(StandardCharsets.ISO_8859_1);
        }
        return new EmbeddedHttpRequest(HttpMethod.valueOf(requestLine[0].toUpperCase()), pathOf(requestLine[1]), headers, body);
    }

    private static String pathOf(String target) {
        if (target.startsWith("/")) {
            return target;
        }
        URI uri = URI.create(target);
        return uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    }

    private static int indexOfBlankLine(String text) {
        int crlf = text.indexOf("\r\n\r\n");
        int lf = text.indexOf("\n\n");
        if (crlf < 0) {
            return lf;
        }
        return lf < 0 ? crlf : Math.min(crlf, lf);
    }
}
