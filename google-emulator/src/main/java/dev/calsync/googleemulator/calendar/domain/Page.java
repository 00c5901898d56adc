package dev.calsync.googleemulator.calendar.domain;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/**
 * One page of a listing and the opaque token of the next. The token holds the sort key of the page's last
 * item, and the next page continues after that key, not at an offset: the listing may change between two
 * requests (an item deleted, hidden or moved by its new sort key), and an offset would then shift an
 * unchanged item into a page already served, where the client never sees it and its next sync does not
 * bring it either, as it did not change.
 */
public record Page<T>(List<T> items, String nextPageToken) {

    /**
     * Where an item sorts: {@code major}, then {@code minor}, then the id, which makes every key distinct.
     * Listings fill them with what never changes while an item keeps its place: its position in the store
     * (items are only appended, never removed) and the epoch microseconds of its start or updated time.
     */
    public record Key(long major, long minor, String id) implements Comparable<Key> {

        private static final Comparator<Key> ORDER = Comparator.comparingLong(Key::major).thenComparingLong(Key::minor)
                .thenComparing(Key::id);

        public static long micros(Instant instant) {
            return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000);
        }

        @Override
        public int compareTo(Key other) {
            return ORDER.compare(this, other);
        }
    }

    private static final String PREFIX = "after:";

    /** The page of {@code all}, sorted by {@code keyOf}, that follows the item {@code pageToken} names. */
    public static <T> Page<T> of(List<T> all, String pageToken, int maxResults, Function<T, Key> keyOf) {
        Key after = after(pageToken);
        List<T> rest = all.stream()
                .filter(item -> after == null || keyOf.apply(item).compareTo(after) > 0)
                .sorted(Comparator.comparing(keyOf))
                .toList();
        List<T> items = rest.subList(0, Math.min(rest.size(), maxResults));
        return new Page<>(items, rest.size() > maxResults ? token(keyOf.apply(items.get(items.size() - 1))) : null);
    }

    /** Google caps page sizes silently ("The page size can never be larger than …"); below 1 is invalid. */
    public static int size(Integer requested, int defaultSize, int maximum) {
        if (requested == null) {
            return defaultSize;
        }
        if (requested < 1) {
            throw CalendarErrors.invalidParameter("maxResults", CalendarErrors.INVALID_VALUE);
        }
        return Math.min(requested, maximum);
    }

    private static String token(Key last) {
        String text = PREFIX + last.major() + ":" + last.minor() + ":" + last.id();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static Key after(String pageToken) {
        if (pageToken == null || pageToken.isEmpty()) {
            return null;
        }
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(pageToken), StandardCharsets.UTF_8);
            String[] parts = decoded.split(":", 4);
            if (parts.length == 4 && (parts[0] + ":").equals(PREFIX)) {
                return new Key(Long.parseLong(parts[1]), Long.parseLong(parts[2]), parts[3]);
            }
        } catch (IllegalArgumentException garbled) {
            // falls through to the error below
        }
        throw CalendarErrors.invalidParameter("pageToken", CalendarErrors.INVALID_VALUE);
    }
}
