package dev.calsync.googleemulator.calendar.domain;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** Ids as Google mints them (GOOGLE.md §2, §7). */
final class ResourceIds {

    /** Client-supplied event ids: base32hex, lowercase, 5–1024 characters. */
    static final Pattern EVENT_ID = Pattern.compile("^[a-v0-9]{5,1024}$");

    private static final char[] BASE32HEX = "0123456789abcdefghijklmnopqrstuv".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private ResourceIds() {
    }

    /** 26 base32hex characters, like the ids Google gives events created without one. */
    static String newEventId() {
        StringBuilder id = new StringBuilder(26);
        for (int i = 0; i < 26; i++) {
            id.append(BASE32HEX[RANDOM.nextInt(BASE32HEX.length)]);
        }
        return id.toString();
    }

    /** Secondary calendars today: {@code c_<64 hex>@group.calendar.google.com}. */
    static String newCalendarId() {
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        return "c_" + HexFormat.of().formatHex(random) + "@group.calendar.google.com";
    }
}
