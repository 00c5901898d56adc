package dev.calsync.calendarwriter.google;

import dev.calsync.contracts.event.EventTime;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Google ids derived, never stored as truth: base32hex (lowercase, no padding) of SHA-256 over
 * (subscriber, feed, UID), plus {@code g<generation>} once an id is burned. An override lives at the
 * series' instance id {@code <seriesId>_<originalStart>} (UTC, or a date for all-day series).
 */
public final class EventIds {

    private static final char[] BASE32HEX = "0123456789abcdefghijklmnopqrstuv".toCharArray();
    /** 20 bytes of the hash: 160 bits, 32 base32hex characters */
    private static final int HASH_BYTES = 20;
    private static final int ID_LENGTH = HASH_BYTES * 8 / 5;
    private static final DateTimeFormatter UTC_INSTANT = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'");
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("uuuuMMdd");

    private EventIds() {
    }

    public static String eventId(String subscriberId, String feedId, String uid, int generation) {
        byte[] hash = sha256(subscriberId + '\u0000' + feedId + '\u0000' + uid);
        String id = base32hex(hash, HASH_BYTES);
        return generation == 0 ? id : id + "g" + generation;
    }

    /** The generation an event id of {@link #eventId} carries: 0 for the first, n for {@code g<n>}. */
    public static int generationOf(String eventId) {
        String suffix = eventId.length() > ID_LENGTH + 1 && eventId.charAt(ID_LENGTH) == 'g' ? eventId.substring(ID_LENGTH + 1) : "";
        // an instance id of a later generation's series (<id>g1_20261215T080000Z) is not a generation of its own
        return !suffix.isEmpty() && suffix.chars().allMatch(Character::isDigit) ? Integer.parseInt(suffix) : 0;
    }

    public static String instanceId(String seriesId, EventTime recurrenceId, ZoneId floatingZone) {
        String suffix;
        if (recurrenceId instanceof EventTime.AllDay allDay) {
            suffix = DATE.format(allDay.date());
        } else if (recurrenceId instanceof EventTime.UtcDateTime utc) {
            suffix = UTC_INSTANT.format(LocalDateTime.ofInstant(utc.instant(), ZoneOffset.UTC));
        } else if (recurrenceId instanceof EventTime.Zoned zoned) {
            suffix = UTC_INSTANT.format(
                    zoned.localDateTime().atZone(zoned.zoneId()).withZoneSameInstant(ZoneOffset.UTC).toLocalDateTime());
        } else {
            EventTime.Floating floating = (EventTime.Floating) recurrenceId;
            suffix = UTC_INSTANT.format(
                    floating.localDateTime().atZone(floatingZone).withZoneSameInstant(ZoneOffset.UTC).toLocalDateTime());
        }
        return seriesId + "_" + suffix;
    }

    /** A stable key for hashing the marker of a feed's calendar. */
    public static String feedMarker(String subscriberId, String feedId) {
        return "calsync-feed:" + base32hex(sha256(subscriberId + '\u0000' + feedId), 15);
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String base32hex(byte[] bytes, int length) {
        StringBuilder out = new StringBuilder();
        int buffer = 0;
        int bits = 0;
        for (int i = 0; i < length; i++) {
            buffer = (buffer << 8) | (bytes[i] & 0xff);
            bits += 8;
            while (bits >= 5) {
                out.append(BASE32HEX[(buffer >> (bits - 5)) & 31]);
                bits -= 5;
            }
        }
        if (bits > 0) {
            out.append(BASE32HEX[(buffer << (5 - bits)) & 31]);
        }
        return out.toString();
    }
}
