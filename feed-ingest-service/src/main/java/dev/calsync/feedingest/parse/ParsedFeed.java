package dev.calsync.feedingest.parse;

import java.util.List;

/**
 * What a feed says, as far as it could be read.
 *
 * @param warnings one line per component that was skipped (or kept with a reduced meaning, such as a
 *     THISANDFUTURE override), for the feed's status; never the feed's text
 * @param notes interpretations worth knowing that lose nothing (a floating time read in a zone)
 */
public record ParsedFeed(List<ParsedEvent> events, List<String> warnings, List<String> notes) {
}
