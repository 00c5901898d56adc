package dev.calsync.feedingest.parse;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * A feed's bytes as text: a byte-order mark (Windows tools write one) wins over the declared charset
 * and is skipped, since the parser would otherwise read it as part of {@code BEGIN}; without one, the
 * charset the server declared, else UTF-8 as RFC 5545 says.
 */
public final class FeedText {

    private FeedText() {
    }

    public static Reader reader(byte[] body, Charset declared) {
        Charset charset = declared;
        int skip = 0;
        if (body.length >= 3 && (body[0] & 0xff) == 0xEF && (body[1] & 0xff) == 0xBB && (body[2] & 0xff) == 0xBF) {
            charset = StandardCharsets.UTF_8;
            skip = 3;
        } else if (body.length >= 2 && (body[0] & 0xff) == 0xFE && (body[1] & 0xff) == 0xFF) {
            charset = StandardCharsets.UTF_16BE;
            skip = 2;
        } else if (body.length >= 2 && (body[0] & 0xff) == 0xFF && (body[1] & 0xff) == 0xFE) {
            charset = StandardCharsets.UTF_16LE;
            skip = 2;
        }
        return new BufferedReader(new InputStreamReader(new ByteArrayInputStream(body, skip, body.length - skip), charset), 65536);
    }
}
