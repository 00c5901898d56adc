package dev.calsync.googleemulator.calendar.domain;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * One page of a listing and the opaque token of the next. The token is the offset into the
 * listing's stable order, so a client that pages through sees every item once.
 */
public record Page<T>(List<T> items, String nextPageToken) {

    public static <T> Page<T> of(List<T> all, String pageToken, int maxResults) {
        int from = offset(pageToken);
        int to = Math.min(all.size(), from + maxResults);
        List<T> items = from >= all.size() ? List.of() : List.copyOf(all.subList(from, to));
        return new Page<>(items, to < all.size() ? token(to) : null);
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

    private static String token(int offset) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(("offset:" + offset).getBytes(StandardCharsets.UTF_8));
    }

    private static int offset(String pageToken) {
        if (pageToken == null || pageToken.isEmpty()) {
            return 0;
        }
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(pageToken), StandardCharsets.UTF_8);
            if (decoded.startsWith("offset:")) {
                int offset = Integer.parseInt(decoded.substring("offset:".length()));
                if (offset >= 0) {
                    return offset;
                }
            }
        } catch (IllegalArgumentException garbled) {
            // falls through to the error below
        }
        throw CalendarErrors.invalidParameter("pageToken", CalendarErrors.INVALID_VALUE);
    }
}
