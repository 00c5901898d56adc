package dev.calsync.googleemulator.batch;

import java.io.ByteArrayOutputStream;

/**
 * MIME (RFC 2046) delimits multipart bodies with CRLF, and Spring's multipart reader insists on it, but
 * Google's batch endpoint also takes the bare LF that Google's Python client and hand-written batchers send
 * (GOOGLE.md §8: "tolerate CRLF"). Rewriting every bare LF as CRLF lets one reader serve both; inside the
 * parts it only touches JSON whitespace and header line ends.
 */
final class LineEndings {

    private LineEndings() {
    }

    static byte[] toCrlf(byte[] message) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(message.length + 64);
        for (int i = 0; i < message.length; i++) {
            if (message[i] == '\n' && (i == 0 || message[i - 1] != '\r')) {
                out.write('\r');
            }
            out.write(message[i]);
        }
        return out.toByteArray();
    }
}
