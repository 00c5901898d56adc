package dev.calsync.googleemulator.calendar.domain;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Google's fixed colour palettes (Calendar API reference: Colors). The reference describes the resource but
 * lists no values; these are what {@code colors.get} returns, as recorded by independent clients (gcsa's
 * colour tables, fixtures of several calendar apps): 24 calendar and 11 event colours, each with foreground
 * {@code #1d1d1d}, last changed 2012-02-14.
 */
public final class CalendarColors {

    /** One palette entry: the colour and the colour to write on it. */
    public record Color(String background, String foreground) {
    }

    private static final String PALETTE_FOREGROUND = "#1d1d1d";
    /**
     * The foreground a calendarList entry shows for a palette colour: live entries say {@code #000000}, not the
     * palette's {@code #1d1d1d} (field reports of calendarList responses).
     */
    static final String ENTRY_FOREGROUND = "#000000";
    private static final Instant UPDATED = Instant.parse("2012-02-14T00:00:00Z");

    private static final Map<String, Color> CALENDAR = palette(
            "#ac725e", "#d06b64", "#f83a22", "#fa573c", "#ff7537", "#ffad46", "#42d692", "#16a765",
            "#7bd148", "#b3dc6c", "#fbe983", "#fad165", "#92e1c0", "#9fe1e7", "#9fc6e7", "#4986e7",
            "#9a9cff", "#b99aff", "#c2c2c2", "#cabdbf", "#cca6ac", "#f691b2", "#cd74e6", "#a47ae2");
    private static final Map<String, Color> EVENT = palette(
            "#a4bdfc", "#7ae7bf", "#dbadff", "#ff887c", "#fbd75b", "#ffb878", "#46d6db", "#e1e1e1",
            "#5484ed", "#51b749", "#dc2127");

    private CalendarColors() {
    }

    /** The calendar palette entry with this id ("1".."24"). */
    public static Optional<Color> calendarColor(String colorId) {
        return Optional.ofNullable(CALENDAR.get(colorId));
    }

    /**
     * The calendar palette id nearest to an RGB colour ("the index-based colorId field will be set to the best
     * matching option automatically", calendarList.patch reference); nearest by RGB distance, as Google does
     * not say how it matches.
     */
    public static String nearestCalendarColorId(String rgbHex) {
        int rgb = Integer.parseInt(rgbHex.substring(1), 16);
        String nearest = null;
        long best = Long.MAX_VALUE;
        for (Map.Entry<String, Color> entry : CALENDAR.entrySet()) {
            int candidate = Integer.parseInt(entry.getValue().background().substring(1), 16);
            long distance = square((rgb >> 16) - (candidate >> 16)) + square(((rgb >> 8) & 0xff) - ((candidate >> 8) & 0xff))
                    + square((rgb & 0xff) - (candidate & 0xff));
            if (distance < best) {
                best = distance;
                nearest = entry.getKey();
            }
        }
        return nearest;
    }

    /** The {@code calendar#colors} resource {@code colors.get} answers. */
    public static ObjectNode resource() {
        ObjectNode colors = JsonNodeFactory.instance.objectNode();
        colors.put("kind", "calendar#colors");
        colors.put("updated", EventResource.timestamp(UPDATED));
        putPalette(colors.putObject("calendar"), CALENDAR);
        putPalette(colors.putObject("event"), EVENT);
        return colors;
    }

    private static void putPalette(ObjectNode target, Map<String, Color> palette) {
        palette.forEach((id, color) -> target.putObject(id).put("background", color.background()).put("foreground", color.foreground()));
    }

    private static Map<String, Color> palette(String... backgrounds) {
        Map<String, Color> palette = new LinkedHashMap<>();
        for (int i = 0; i < backgrounds.length; i++) {
            palette.put(String.valueOf(i + 1), new Color(backgrounds[i], PALETTE_FOREGROUND));
        }
        return Collections.unmodifiableMap(palette);
    }

    private static long square(int value) {
        return (long) value * value;
    }
}
