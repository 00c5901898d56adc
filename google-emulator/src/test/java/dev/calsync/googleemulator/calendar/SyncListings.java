package dev.calsync.googleemulator.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.api.client.googleapis.json.GoogleJsonError;
import com.google.api.client.googleapis.json.GoogleJsonResponseException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * What the sync tests of events.list and calendarList.list share: a whole listing read page by page as the
 * guide "Synchronize resources efficiently" does, and the answer to a token the server no longer accepts.
 */
final class SyncListings {

    /** The items of every page and the {@code nextSyncToken} of the last. */
    record Listing<T>(List<T> items, String nextSyncToken) {
    }

    /** One page of a listing, given the page token (null for the first). */
    interface PageRequest<P> {
        P execute(String pageToken) throws IOException;
    }

    /** How to read a page of one kind of listing (the Java client's Events or CalendarList). */
    record PageShape<P, T>(Function<P, List<T>> items, Function<P, String> nextPageToken, Function<P, String> nextSyncToken) {
    }

    private SyncListings() {
    }

    static <P, T> Listing<T> listAll(PageRequest<P> request, PageShape<P, T> shape) throws IOException {
        List<T> items = new ArrayList<>();
        String pageToken = null;
        P page;
        do {
            page = request.execute(pageToken);
            items.addAll(shape.items().apply(page));
            pageToken = shape.nextPageToken().apply(page);
            if (pageToken != null) {
                assertThat(shape.nextSyncToken().apply(page)).as("only the last page carries nextSyncToken").isNull();
            }
        } while (pageToken != null);
        String nextSyncToken = shape.nextSyncToken().apply(page);
        assertThat(nextSyncToken).as("the last page's nextSyncToken").isNotBlank();
        return new Listing<>(items, nextSyncToken);
    }

    /** Body as Google's live answer carries it (GOOGLE.md §4). */
    static void assertFullSyncRequired(GoogleJsonResponseException error) {
        CalendarConformanceSupport.assertGoogleError(error, 410, "fullSyncRequired");
        GoogleJsonError.ErrorInfo detail = error.getDetails().getErrors().get(0);
        assertThat(detail.getDomain()).isEqualTo("calendar");
        assertThat(detail.getMessage()).isEqualTo("Sync token is no longer valid, a full sync is required.");
        assertThat(detail.getLocation()).isEqualTo("syncToken");
    }

    /** The token with one character in its middle changed. */
    static String garbled(String token) {
        int middle = token.length() / 2;
        return token.substring(0, middle) + (token.charAt(middle) == 'A' ? 'B' : 'A') + token.substring(middle + 1);
    }
}
