package dev.calsync.feedingest.parse;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns a TZID as feeds write it into the IANA zone Google needs: an IANA name as is, a Windows name
 * through CLDR's table, a vendor prefix such as {@code /mozilla.org/20050126_1/Europe/Berlin} by its
 * IANA tail, and a custom VTIMEZONE of the feed (Outlook's "(UTC+01:00) Amsterdam, Berlin, …") by its
 * {@code X-LIC-LOCATION} or else by matching its standard and daylight offsets. Results are cached per
 * feed: the same TZID appears on most events.
 */
final class TimeZoneResolver {

    private static final Set<String> IANA = ZoneId.getAvailableZoneIds();

    private final Map<String, IcsComponent> vtimezones = new HashMap<>();
    private final Map<String, Optional<String>> resolved = new HashMap<>();
    private final java.util.Collection<String> notes;
    private final int probeYear;

    TimeZoneResolver(List<IcsComponent> vtimezones, java.util.Collection<String> notes, int probeYear) {
        for (IcsComponent vtimezone : vtimezones) {
            vtimezone.value("TZID").ifPresent(tzid -> {
                this.vtimezones.put(tzid, vtimezone);
                String unescaped = unescape(tzid);
                if (tzid.indexOf('\\') >= 0 && !unescaped.equals(tzid.strip())) {
                    // TZID:Kuala Lumpur\, Singapore is referenced as TZID="Kuala Lumpur, Singapore"
                    this.vtimezones.putIfAbsent(unescaped, vtimezone);
                    notes.add("VTIMEZONE (line " + vtimezone.line + ") TZID '" + abbreviate(tzid)
                            + "' unescaped to '" + abbreviate(unescaped) + "' to match the events that name it");
                }
            });
        }
        this.notes = notes;
        this.probeYear = probeYear;
    }

    /** The IANA id for a TZID, or empty when neither the name nor the feed tells which zone it is. */
    Optional<String> resolve(String tzid) {
        return resolved.computeIfAbsent(tzid, this::lookUp);
    }

    private Optional<String> lookUp(String tzid) {
        String name = unescape(tzid);
        if (IANA.contains(name)) {
            return Optional.of(name);
        }
        String windows = WindowsZoneNames.TO_IANA.get(name);
        if (windows != null) {
            return Optional.of(windows);
        }
        Optional<String> tail = ianaTail(name);
        if (tail.isPresent()) {
            return tail;
        }
        IcsComponent vtimezone = vtimezones.get(tzid);
        if (vtimezone == null) {
            vtimezone = vtimezones.get(unescape(tzid));
        }
        if (vtimezone == null) {
            return Optional.empty();
        }
        Optional<String> location = vtimezone.value("X-LIC-LOCATION").map(String::strip).filter(IANA::contains);
        if (location.isPresent()) {
            return location;
        }
        Optional<String> byOffsets = matchOffsets(vtimezone);
        byOffsets.ifPresent(zone -> notes.add("VTIMEZONE '" + abbreviate(tzid) + "' read as " + zone + " by its offsets"));
        return byOffsets;
    }

    private static Optional<String> ianaTail(String name) {
        int slash = name.indexOf('/');
        while (slash >= 0) {
            String candidate = name.substring(slash + 1);
            if (IANA.contains(candidate) && candidate.contains("/")) {
                return Optional.of(candidate);
            }
            slash = name.indexOf('/', slash + 1);
        }
        return Optional.empty();
    }

    private Optional<String> matchOffsets(IcsComponent vtimezone) {
        Set<ZoneOffset> wanted = new LinkedHashSet<>();
        for (IcsComponent observance : vtimezone.children) {
            if (observance.name.equals("STANDARD") || observance.name.equals("DAYLIGHT")) {
                Optional<String> offset = observance.value("TZOFFSETTO");
                if (offset.isEmpty()) {
                    return Optional.empty();
                }
                try {
                    wanted.add(ZoneOffset.of(asIsoOffset(offset.get().strip())));
                } catch (RuntimeException unreadable) {
                    return Optional.empty();
                }
            }
        }
        if (wanted.isEmpty()) {
            return Optional.empty();
        }
        List<String> candidates = new ArrayList<>(WindowsZoneNames.TO_IANA.values());
        IANA.stream().filter(id -> id.contains("/") && !id.startsWith("Etc/") && !id.startsWith("SystemV/"))
                .sorted().forEach(candidates::add);
        for (String candidate : candidates) {
            ZoneRules rules = ZoneId.of(candidate).getRules();
            Set<ZoneOffset> offsets = new LinkedHashSet<>();
            offsets.add(rules.getOffset(LocalDate.of(probeYear, 1, 15).atStartOfDay()));
            offsets.add(rules.getOffset(LocalDate.of(probeYear, 7, 15).atStartOfDay()));
            if (offsets.equals(wanted)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** ICS writes {@code +0100} or {@code +010000}; java.time wants {@code +01:00}. */
    private static String asIsoOffset(String ics) {
        if (ics.length() == 5) {
            return ics.substring(0, 3) + ":" + ics.substring(3);
        }
        if (ics.length() == 7) {
            return ics.substring(0, 3) + ":" + ics.substring(3, 5) + ":" + ics.substring(5);
        }
        return ics;
    }

    /** TEXT escapes as some publishers write them in a TZID (RFC 5545 gives TZID no escaping): {@code \,} {@code \;} {@code \\}. */
    static String unescape(String tzid) {
        if (tzid.indexOf('\\') < 0) {
            return tzid.strip();
        }
        return tzid.replace("\\,", ",").replace("\\;", ";").replace("\\\\", "\\").strip();
    }

    static String abbreviate(String text) {
        String oneLine = text.replaceAll("\\p{Cntrl}", "?");
        return oneLine.length() <= 60 ? oneLine : oneLine.substring(0, 60) + "…";
    }
}
