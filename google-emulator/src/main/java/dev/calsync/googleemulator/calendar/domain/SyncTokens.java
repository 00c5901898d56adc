package dev.calsync.googleemulator.calendar.domain;

import dev.calsync.googleemulator.calendar.CalendarSwitches;
import dev.calsync.googleemulator.state.Resettable;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Component;

/**
 * The {@code nextSyncToken} of events.list and calendarList.list ("Synchronize resources efficiently";
 * GOOGLE.md §4, §7). A token names a {@link Collection} (one calendar's events, or one account's calendar
 * list) and a point in its change sequence (the store's etags, which only grow), and carries the store
 * epoch, the invalidation generation and its issue time. It is opaque: the bytes are base64url with an
 * HMAC-SHA256 under a key drawn when the process starts, so a garbled or forged token is told apart from a
 * real one. A token that does not verify, names another collection (another calendar, or a calendar list
 * where events were asked for and the reverse), predates an emulator reset or an admin invalidation, or is
 * older than {@code emulator.calendar.sync-token-lifetime} gives 410 fullSyncRequired.
 *
 * <p>Page tokens of both listings carry the change sequence the listing's first page saw, so the
 * {@code nextSyncToken} on its last page covers changes made while the client paged: those come again
 * in the next incremental sync rather than being lost.
 */
@Component
public class SyncTokens implements Resettable {

    /** The token of {@link Page} (the key the listing continues after) and the change sequence the listing started at (null: first page). */
    public record Cursor(String keyToken, Long sequence) {
    }

    /** What a token synchronises: the events of one calendar, or the calendar list of one account. */
    public record Collection(Kind kind, String id) {

        public enum Kind { EVENTS, CALENDAR_LIST }

        public static Collection eventsOf(String calendarId) {
            return new Collection(Kind.EVENTS, calendarId);
        }

        public static Collection calendarListOf(String subject) {
            return new Collection(Kind.CALENDAR_LIST, subject);
        }
    }

    private static final byte VERSION = 2;
    private static final String HMAC = "HmacSHA256";
    private static final int MAC_LENGTH = 32;

    private final Clock clock;
    private final CalendarSwitches switches;
    private final SecureRandom random = new SecureRandom();
    private final SecretKeySpec key;
    private volatile long epoch;
    private volatile long generation;

    public SyncTokens(Clock clock, CalendarSwitches switches) {
        this.clock = clock;
        this.switches = switches;
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        this.key = new SecretKeySpec(secret, HMAC);
        this.epoch = random.nextLong();
    }

    /** The token for "everything in {@code collection} up to change {@code sequence} has been seen". */
    public String issue(Collection collection, long sequence) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            out.writeUTF(collection.kind().name());
            out.writeUTF(collection.id());
            out.writeLong(sequence);
            out.writeLong(epoch);
            out.writeLong(generation);
            out.writeLong(clock.millis());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] payload = bytes.toByteArray();
        byte[] token = Arrays.copyOf(payload, payload.length + MAC_LENGTH);
        System.arraycopy(mac(payload), 0, token, payload.length, MAC_LENGTH);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(token);
    }

    /**
     * The change sequence a token was issued at: changes after it are what the incremental sync returns.
     *
     * @throws dev.calsync.googleemulator.api.GoogleApiException 410 fullSyncRequired for a token that is no longer valid
     */
    public long changesAfter(String token, Collection collection) {
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(token);
        } catch (IllegalArgumentException garbled) {
            throw CalendarErrors.fullSyncRequired();
        }
        if (bytes.length <= MAC_LENGTH) {
            throw CalendarErrors.fullSyncRequired();
        }
        byte[] payload = Arrays.copyOf(bytes, bytes.length - MAC_LENGTH);
        if (!MessageDigest.isEqual(mac(payload), Arrays.copyOfRange(bytes, payload.length, bytes.length))) {
            throw CalendarErrors.fullSyncRequired();
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(payload))) {
            byte version = in.readByte();
            Collection named = new Collection(Collection.Kind.valueOf(in.readUTF()), in.readUTF());
            long sequence = in.readLong();
            long tokenEpoch = in.readLong();
            long tokenGeneration = in.readLong();
            Instant issued = Instant.ofEpochMilli(in.readLong());
            if (version != VERSION || !named.equals(collection) || tokenEpoch != epoch || tokenGeneration != generation
                    || !issued.plus(switches.syncTokenLifetime()).isAfter(clock.instant())) {
                throw CalendarErrors.fullSyncRequired();
            }
            return sequence;
        } catch (IOException | IllegalArgumentException e) {
            throw CalendarErrors.fullSyncRequired();
        }
    }

    /** Every token issued so far answers 410 from now on (GOOGLE.md §4's {@code sync.forceInvalid}). */
    public synchronized void invalidateAll() {
        generation++;
    }

    /** A reset forgets every calendar and event, so no earlier token may name a point in the new history. */
    @Override
    public synchronized void reset() {
        epoch = random.nextLong();
    }

    /** A listing's page token: Page's token and the change sequence the first page saw. */
    public static String pageToken(String keyToken, long sequence) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((sequence + ":" + keyToken).getBytes(StandardCharsets.UTF_8));
    }

    /** @throws dev.calsync.googleemulator.api.GoogleApiException 400 invalid at pageToken for a token we did not issue */
    public static Cursor cursor(String pageToken) {
        if (pageToken == null || pageToken.isEmpty()) {
            return new Cursor(null, null);
        }
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(pageToken), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            if (colon > 0) {
                return new Cursor(decoded.substring(colon + 1), Long.parseLong(decoded.substring(0, colon)));
            }
        } catch (IllegalArgumentException garbled) {
            // falls through to the error below
        }
        throw CalendarErrors.invalidParameter("pageToken", CalendarErrors.INVALID_VALUE);
    }

    private byte[] mac(byte[] payload) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(key);
            return mac.doFinal(payload);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
