package dev.calsync.googleemulator.ui;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a person reads on a calendar-view page, pulled out of its HTML: per day, lines such as
 * {@code "09:00–09:15 Standup ↻ repeats"}. Tags are dropped, entities stay as they are in the HTML.
 */
final class RenderedCalendar {

    private static final Pattern AGENDA_DAY = Pattern.compile(
            "<section class=\"agenda-day[^\"]*\" data-day=\"([0-9-]+)\">(.*?)</section>", Pattern.DOTALL);
    private static final Pattern AGENDA_ITEM = Pattern.compile("<li class=\"agenda-event[^\"]*\">(.*?)</li>", Pattern.DOTALL);
    /** A week-grid cell opens with its day; the blocks and chips after it, up to the next cell, are that day's. */
    private static final Pattern WEEK_PIECE = Pattern.compile(
            "<div class=\"(?:day|allday)\" data-day=\"([0-9-]+)\"|<div class=\"(?:event|chip)[^\"]*\"[^>]*>(.*?)</div>", Pattern.DOTALL);

    private RenderedCalendar() {
    }

    static Map<String, List<String>> agenda(String html) {
        Map<String, List<String>> days = new LinkedHashMap<>();
        for (Matcher day = AGENDA_DAY.matcher(html); day.find(); ) {
            List<String> lines = days.computeIfAbsent(day.group(1), key -> new ArrayList<>());
            for (Matcher item = AGENDA_ITEM.matcher(day.group(2)); item.find(); ) {
                lines.add(text(item.group(1)));
            }
        }
        return days;
    }

    /** Day → its all-day chips ("Conference") and timed blocks ("09:00–09:15 Standup ↻"), in page order. */
    static Map<String, List<String>> week(String html) {
        Map<String, List<String>> days = new LinkedHashMap<>();
        String current = null;
        for (Matcher piece = WEEK_PIECE.matcher(html); piece.find(); ) {
            if (piece.group(1) != null) {
                current = piece.group(1);
                days.computeIfAbsent(current, key -> new ArrayList<>());
            } else if (current != null) {
                days.get(current).add(text(piece.group(2)));
            }
        }
        return days;
    }

    private static String text(String html) {
        return html.replaceAll("<[^>]+>", " ").replaceAll("\\s+", " ").trim();
    }
}
