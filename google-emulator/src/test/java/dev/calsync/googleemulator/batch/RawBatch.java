package dev.calsync.googleemulator.batch;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A batch written by hand, as Google's Python client and home-made batchers send it (bare LF line ends,
 * preamble, epilogue, Content-ID with or without angle brackets), over java.net.http: Google's Java client
 * always writes CRLF. {@link #answers} reads the emulator's multipart answer back, part by part.
 */
final class RawBatch {

    static final String BOUNDARY = "batch_raw_boundary";

    /** One part's answer: its Content-ID, the status of its status line, and its body. */
    record PartAnswer(String contentId, int status, String body) {
    }

    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static final Pattern PART = Pattern.compile(
            "(?s)Content-ID: <([^>]*)>\\r\\n\\r\\nHTTP/1\\.1 (\\d{3})[^\\r]*\\r\\n.*?\\r\\n\\r\\n(.*?)\\r\\n--");

    private RawBatch() {
    }

    static HttpResponse<String> send(URI emulator, String accessToken, String contentType, String body)
            throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(emulator.resolve("/batch/calendar/v3"))
                .header("Authorization", "Bearer " + accessToken)
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> send(URI emulator, String accessToken, String body) throws IOException, InterruptedException {
        return send(emulator, accessToken, "multipart/mixed; boundary=" + BOUNDARY, body);
    }

    /** The lines joined with {@code lineEnd}, every line ended by it. */
    static String lines(String lineEnd, String... lines) {
        return String.join(lineEnd, lines) + lineEnd;
    }

    static List<PartAnswer> answers(HttpResponse<String> response) {
        List<PartAnswer> answers = new ArrayList<>();
        Matcher part = PART.matcher(response.body());
        while (part.find()) {
            answers.add(new PartAnswer(part.group(1), Integer.parseInt(part.group(2)), part.group(3)));
        }
        return answers;
    }
}
