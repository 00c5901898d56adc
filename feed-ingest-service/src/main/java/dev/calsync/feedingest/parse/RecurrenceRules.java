package dev.calsync.feedingest.parse;

import dev.calsync.contracts.event.EventTime;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import net.fortuna.ical4j.model.Recur;

/**
 * An RRULE as Google reads it. Google documents the RFC 5545 parts only and reads {@code UNTIL} as UTC
 * (or a date, for an all-day series), so a rule is checked part by part before it is sent: a part that
 * changes nothing ({@code RSCALE=GREGORIAN}, {@code SKIP=OMIT}) is dropped with a warning, any other
 * unknown part or an invalid value refuses the rule ({@link IcsFeedParser.RuleRefusedException}) — sent
 * as it is, Google would refuse the series or expand something else (a misspelt {@code UNTL=} makes a
 * bounded series endless).
 */
final class RecurrenceRules {

    /** The rule parts of RFC 5545 §3.3.10, the only ones Google's reference names. */
    static final Set<String> GOOGLE_PARTS = Set.of("FREQ", "UNTIL", "COUNT", "INTERVAL", "BYSECOND", "BYMINUTE", "BYHOUR",
            "BYDAY", "BYMONTHDAY", "BYYEARDAY", "BYWEEKNO", "BYMONTH", "BYSETPOS", "WKST");

    private static final DateTimeFormatter DATE = DateTimeFormatter.BASIC_ISO_DATE;
    private static final DateTimeFormatter LOCAL_DATE_TIME = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss");

    private RecurrenceRules() {
    }

    /**
     * @param start the series' DTSTART as read (its kind decides UNTIL's)
     * @param label the component, for warnings
     * @param lenient receives one line per rule applied
     * @return the rule to send
     * @throws IcsFeedParser.RuleRefusedException when no rule Google reads the same way exists
     */
    static String forGoogle(String rule, EventTime start, String label, List<String> lenient) {
        List<String> kept = new ArrayList<>();
        boolean frequency = false;
        for (String part : rule.split(";")) {
            if (part.isBlank()) {
                continue;
            }
            int equals = part.indexOf('=');
            if (equals <= 0) {
                throw new IcsFeedParser.RuleRefusedException("RRULE part '" + TimeZoneResolver.abbreviate(part) + "' has no value");
            }
            String name = part.substring(0, equals).strip().toUpperCase(Locale.ROOT);
            String value = part.substring(equals + 1).strip();
            if (!GOOGLE_PARTS.contains(name)) {
                if (name.equals("RSCALE") && value.equalsIgnoreCase("GREGORIAN")
                        || name.equals("SKIP") && value.equalsIgnoreCase("OMIT")) {
                    lenient.add(label + ": RRULE part " + name + "=" + value.toUpperCase(Locale.ROOT)
                            + " dropped (Google's calendar is Gregorian and omits invalid dates anyway)");
                    continue;
                }
                throw new IcsFeedParser.RuleRefusedException("RRULE part " + TimeZoneResolver.abbreviate(name) + " is not one Google knows");
            }
            frequency |= name.equals("FREQ");
            if (name.equals("UNTIL")) {
                value = until(value, start, label, lenient);
            }
            kept.add(name + "=" + value.toUpperCase(Locale.ROOT));
        }
        if (!frequency) {
            throw new IcsFeedParser.RuleRefusedException("RRULE without FREQ");
        }
        String result = String.join(";", kept);
        try {
            new Recur<>(result);
        } catch (RuntimeException invalid) {
            throw new IcsFeedParser.RuleRefusedException("RRULE '" + TimeZoneResolver.abbreviate(rule) + "' is invalid");
        }
        return result;
    }

    /**
     * UNTIL of the start's kind: a date for an all-day series; else UTC (RFC 5545 wants UTC when DTSTART
     * has a zone, Google reads any date-time as UTC). A floating UNTIL is read in the start's zone; a date
     * UNTIL of a timed series includes its whole day, in the start's zone.
     */
    private static String until(String value, EventTime start, String label, List<String> lenient) {
        String upper = value.toUpperCase(Locale.ROOT);
        try {
            if (start instanceof EventTime.AllDay) {
                if (upper.length() > 8) {
                    lenient.add(label + ": UNTIL " + upper + " of an all-day series read as the date " + upper.substring(0, 8));
                    LocalDate.parse(upper.substring(0, 8), DATE);
                    return upper.substring(0, 8);
                }
                LocalDate.parse(upper, DATE);
                return upper;
            }
            if (upper.endsWith("Z")) {
                LocalDateTime.parse(upper.substring(0, upper.length() - 1), LOCAL_DATE_TIME);
                return upper;
            }
            LocalDateTime local = upper.length() == 8 ? LocalDate.parse(upper, DATE).atTime(LocalTime.MAX.withNano(0))
                    : LocalDateTime.parse(upper, LOCAL_DATE_TIME);
            LocalDateTime utc = start instanceof EventTime.Zoned zoned
                    ? local.atZone(zoned.zoneId()).withZoneSameInstant(ZoneOffset.UTC).toLocalDateTime() : local;
            String converted = LOCAL_DATE_TIME.format(utc) + "Z";
            lenient.add(label + ": UNTIL " + upper + (upper.length() == 8 ? " (a date)" : " (floating)")
                    + " read in the start's zone: " + converted);
            return converted;
        } catch (DateTimeParseException unreadable) {
            throw new IcsFeedParser.RuleRefusedException("RRULE UNTIL '" + TimeZoneResolver.abbreviate(value) + "' is no date or time");
        }
    }
}
