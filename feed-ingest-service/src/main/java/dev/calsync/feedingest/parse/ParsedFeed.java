package dev.calsync.feedingest.parse;

import java.util.List;

/**
 * What a feed says, as far as it could be read.
 *
 * @param warnings one line per component (or part of one) that was left out, naming it and why; never
 *     more of the feed's text than an event's summary
 * @param notes one line per lenient rule applied, naming the component and the rule (docs/feeds.md): what
 *     was read differently from the letter of the file, losing nothing
 */
public record ParsedFeed(List<ParsedEvent> events, List<String> warnings, List<String> notes) {

    /** Both, left-out first: what the feed's status lists. */
    public List<String> statusWarnings() {
        List<String> all = new java.util.ArrayList<>(warnings);
        all.addAll(notes);
        return all;
    }
}
