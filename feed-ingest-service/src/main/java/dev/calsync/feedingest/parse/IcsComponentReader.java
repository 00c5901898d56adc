package dev.calsync.feedingest.parse;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Reads an ICS stream into {@link IcsComponent}s: unfolding, content-line and parameter syntax, and the
 * BEGIN/END structure, without a typed model (typed interpretation happens per event, so one impossible
 * value costs one event). It is lenient about the structure where feeds in the wild are sloppy, and says
 * so through {@code warnings} (docs/feeds.md lists every rule):
 * <ul>
 * <li>a component outside any VCALENDAR (before it, after {@code END:VCALENDAR}, or with no VCALENDAR at
 * all) is read as part of the calendar;</li>
 * <li>several VCALENDARs in one file are read as one;</li>
 * <li>a line that is no content line (no name before a colon: a fold that lost its leading space) is read
 * as the continuation of the line before it;</li>
 * <li>an END that closes a component other than the innermost open one closes the ones inside it; an END
 * of a component that is not open is ignored.</li>
 * </ul>
 * Only a stream that ends inside a VEVENT (a truncated download) is refused: reading it would delete
 * every event after the cut.
 */
final class IcsComponentReader {

    /** Components that only a VCALENDAR holds (RFC 5545 §3.6): one opening inside another closes that one. */
    private static final java.util.Set<String> TOP_LEVEL = java.util.Set.of("VEVENT", "VTODO", "VJOURNAL", "VFREEBUSY", "VTIMEZONE");

    /** Properties whose value is free text, which a fold without its space can only continue. */
    private static final java.util.Set<String> FREE_TEXT =
            java.util.Set.of("SUMMARY", "DESCRIPTION", "LOCATION", "COMMENT", "CONTACT", "RESOURCES", "CATEGORIES");

    private IcsComponentReader() {
    }

    /** The VCALENDAR (its properties, and its components as children). */
    static IcsComponent read(Reader reader, Consumer<String> warnings) throws IOException, FeedParseException {
        return read(reader, null, warnings);
    }

    /**
     * Like {@link #read(Reader, Consumer)}, but each top-level VEVENT goes to {@code events} (with the calendar
     * as read so far) as soon as it ends and is not kept in the tree, so a big feed is never held whole in
     * its raw form.
     */
    static IcsComponent read(Reader reader, BiConsumer<IcsComponent, IcsComponent> events, Consumer<String> warnings)
            throws IOException, FeedParseException {
        Structure structure = new Structure(events, warnings);
        new Lines(reader).forEach(structure);
        return structure.finish();
    }

    static List<IcsComponent> children(IcsComponent calendar, String name) {
        return calendar.children.stream().filter(c -> c.name.equals(name)).toList();
    }

    /** Unfolded content lines with the number of the physical line each starts on. */
    private static final class Lines {

        private final Reader reader;
        private final char[] buffer = new char[65536];
        private int length;
        private int at;
        private int physicalLine;

        Lines(Reader reader) {
            this.reader = reader;
        }

        /**
         * A line that starts with a space or tab continues the one before (RFC 5545 §3.1), also across blank
         * lines between them (some exporters write {@code NAME}, a blank line, {@code  :value}); a line is
         * handed on only once the next non-blank line shows it is complete.
         */
        void forEach(Structure structure) throws IOException, FeedParseException {
            StringBuilder line = new StringBuilder(128);
            boolean pending = false;
            boolean atLineStart = true;
            boolean blankSincePending = false;
            int lineStart = 0;
            while (true) {
                int c = next();
                if (c < 0) {
                    break;
                }
                if (c == '\r' || c == '\n') {
                    if (c == '\r' && peek() == '\n') {
                        next();
                    }
                    physicalLine++;
                    blankSincePending |= atLineStart && pending;
                    atLineStart = true;
                    continue;
                }
                if (atLineStart) {
                    atLineStart = false;
                    if ((c == ' ' || c == '\t') && pending) {
                        if (blankSincePending) {
                            structure.foldAcrossBlankLines(physicalLine + 1);
                        }
                        blankSincePending = false;
                        continue; // the fold's one whitespace character is not part of the value
                    }
                    if (pending) {
                        structure.line(line, lineStart);
                    }
                    line.setLength(0);
                    pending = true;
                    blankSincePending = false;
                    lineStart = physicalLine + 1;
                }
                line.append((char) c);
            }
            if (pending) {
                structure.line(line, lineStart);
            }
        }

        private int next() throws IOException {
            if (at == length && !fill()) {
                return -1;
            }
            return buffer[at++];
        }

        private int peek() throws IOException {
            if (at == length && !fill()) {
                return -1;
            }
            return buffer[at];
        }

        private boolean fill() throws IOException {
            int read = reader.read(buffer, 0, buffer.length);
            if (read <= 0) {
                return false;
            }
            length = read;
            at = 0;
            return true;
        }
    }

    /** BEGIN/END nesting, properties into the innermost open component. */
    private static final class Structure {

        private final Deque<IcsComponent> open = new ArrayDeque<>();
        private final BiConsumer<IcsComponent, IcsComponent> events;
        private final Consumer<String> warnings;
        private IcsComponent calendar;
        private IcsProperty lastProperty;
        private IcsComponent lastPropertyOwner;
        private boolean calendarClosed;
        private int calendarsSeen;
        private boolean anyBegin;
        /** The calendar was opened by a component outside it, not by BEGIN:VCALENDAR: no END:VCALENDAR is due. */
        private boolean implicitlyOpen;

        Structure(BiConsumer<IcsComponent, IcsComponent> events, Consumer<String> warnings) {
            this.events = events;
            this.warnings = warnings;
        }

        void line(CharSequence text, int lineNumber) {
            int nameEnd = nameEnd(text);
            if (nameEnd <= 0 || nameEnd == text.length()) {
                if (isBlank(text)) {
                    return;
                }
                continuation(text, lineNumber);
                return;
            }
            String name = text.subSequence(0, nameEnd).toString().toUpperCase(Locale.ROOT);
            Map<String, String> parameters = Map.of();
            int i = nameEnd;
            while (i < text.length() && text.charAt(i) == ';') {
                int equals = indexOf(text, '=', i + 1);
                if (equals < 0) {
                    continuation(text, lineNumber);
                    return;
                }
                String parameterName = text.subSequence(i + 1, equals).toString().strip().toUpperCase(Locale.ROOT);
                int end = parameterEnd(text, equals + 1);
                if (end < 0) {
                    continuation(text, lineNumber);
                    return;
                }
                if (parameters.isEmpty()) {
                    parameters = new HashMap<>(4);
                }
                parameters.put(parameterName, parameterValue(text.subSequence(equals + 1, end)));
                i = end;
            }
            if (i >= text.length() || text.charAt(i) != ':') {
                continuation(text, lineNumber);
                return;
            }
            String value = text.subSequence(i + 1, text.length()).toString();
            switch (name) {
                case "BEGIN" -> begin(value.strip().toUpperCase(Locale.ROOT), lineNumber);
                case "END" -> end(value.strip().toUpperCase(Locale.ROOT), lineNumber);
                default -> property(new IcsProperty(name, parameters, value), lineNumber);
            }
        }

        private void begin(String name, int lineNumber) {
            anyBegin = true;
            if (name.equals("VCALENDAR")) {
                calendarsSeen++;
                if (calendar == null) {
                    calendar = new IcsComponent("VCALENDAR", lineNumber);
                } else if (calendarsSeen == 2) {
                    warnings.accept("VCALENDAR (line " + lineNumber + ") is a second calendar in the file: read as part of the first");
                }
                if (open.isEmpty()) {
                    open.push(calendar);
                    implicitlyOpen = false;
                } else {
                    warnings.accept("VCALENDAR (line " + lineNumber + ") inside " + open.peek().name + ": ignored, its contents read");
                }
                calendarClosed = false;
                return;
            }
            if (open.isEmpty()) {
                if (calendar == null) {
                    calendar = new IcsComponent("VCALENDAR", lineNumber);
                    warnings.accept(name + " (line " + lineNumber + ") outside any VCALENDAR: read as part of the calendar");
                } else {
                    warnings.accept(name + " (line " + lineNumber + ") after END:VCALENDAR: read as part of the calendar");
                }
                open.push(calendar);
                implicitlyOpen = true;
            }
            if (TOP_LEVEL.contains(name)) {
                // a calendar's components never nest: the open one lost its END (END:VTOOD seen in the wild)
                while (open.peek() != calendar) {
                    IcsComponent unclosed = open.pop();
                    warnings.accept(unclosed.name + " (line " + unclosed.line + ") has no END:" + unclosed.name + ": closed by "
                            + name + " (line " + lineNumber + ")");
                    if (events != null && open.peek() == calendar && unclosed.name.equals("VEVENT")) {
                        events.accept(calendar, unclosed);
                    }
                }
            }
            IcsComponent component = new IcsComponent(name, lineNumber);
            boolean streamed = events != null && open.peek() == calendar && name.equals("VEVENT");
            if (!streamed) {
                open.peek().children.add(component);
            }
            open.push(component);
        }

        private void end(String name, int lineNumber) {
            if (!isOpen(name)) {
                warnings.accept("END:" + name + " (line " + lineNumber + ") closes no open component: ignored");
                return;
            }
            while (true) {
                IcsComponent ended = open.pop();
                if (!ended.name.equals(name)) {
                    warnings.accept(ended.name + " (line " + ended.line + ") has no END:" + ended.name
                            + ": closed by END:" + name + " (line " + lineNumber + ")");
                }
                if (events != null && open.peek() == calendar && ended.name.equals("VEVENT")) {
                    events.accept(calendar, ended);
                }
                if (ended.name.equals(name)) {
                    break;
                }
            }
            if (name.equals("VCALENDAR")) {
                calendarClosed = true;
            }
        }

        private boolean isOpen(String name) {
            for (IcsComponent component : open) {
                if (component.name.equals(name)) {
                    return true;
                }
            }
            return false;
        }

        private void property(IcsProperty property, int lineNumber) {
            if (open.isEmpty()) {
                // calendar properties after END:VCALENDAR still describe it; before BEGIN they have no owner
                if (calendar == null) {
                    return;
                }
                if (calendarClosed) {
                    warnings.accept(property.name() + " (line " + lineNumber + ") after END:VCALENDAR: read as a calendar property");
                }
                calendar.properties.add(property);
                remember(calendar, property);
                return;
            }
            open.peek().properties.add(property);
            remember(open.peek(), property);
        }

        private void remember(IcsComponent owner, IcsProperty property) {
            lastProperty = property;
            lastPropertyOwner = owner;
        }

        /**
         * A line without a name and colon: a fold that lost its leading space when it follows free text (a
         * DESCRIPTION cut by a careless exporter); after any other property it cannot belong to the value
         * (it would break a date or a rule) and is ignored.
         */
        private void continuation(CharSequence text, int lineNumber) {
            if (lastProperty == null || !isFreeText(lastProperty.name())) {
                warnings.accept("line " + lineNumber + " is no content line: ignored");
                return;
            }
            IcsProperty joined = new IcsProperty(lastProperty.name(), lastProperty.parameters(), lastProperty.value() + text);
            List<IcsProperty> properties = lastPropertyOwner.properties;
            properties.set(properties.lastIndexOf(lastProperty), joined);
            lastProperty = joined;
            warnings.accept("line " + lineNumber + " is no content line: read as the continuation of " + joined.name()
                    + " (a fold without its leading space)");
        }

        private boolean foldAcrossBlankLinesSeen;

        /** Said once per feed: an exporter that does it does it on every line. */
        void foldAcrossBlankLines(int lineNumber) {
            if (!foldAcrossBlankLinesSeen) {
                foldAcrossBlankLinesSeen = true;
                warnings.accept("line " + lineNumber + " continues a line before a blank line: read as one (folds across blank lines, "
                        + "first here)");
            }
        }

        private static boolean isFreeText(String propertyName) {
            return FREE_TEXT.contains(propertyName) || propertyName.startsWith("X-");
        }

        IcsComponent finish() throws FeedParseException {
            if (!anyBegin || calendar == null) {
                throw new FeedParseException("not a readable iCalendar feed: no BEGIN:VCALENDAR or BEGIN:VEVENT in it");
            }
            for (IcsComponent component : open) {
                if (component.name.equals("VEVENT")) {
                    throw new FeedParseException("the feed ends inside VEVENT (line " + component.line + "): truncated?");
                }
            }
            if (!open.isEmpty() && !(open.size() == 1 && implicitlyOpen)) {
                warnings.accept("the file ends without END:VCALENDAR: read up to its end");
            }
            return calendar;
        }

        /** The end of a property name ({@code [A-Za-z0-9-]+}), or -1 when the line does not start with one. */
        private static int nameEnd(CharSequence text) {
            int i = 0;
            while (i < text.length()) {
                char c = text.charAt(i);
                if (c == ';' || c == ':') {
                    return i;
                }
                if (!(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_')) {
                    return -1;
                }
                i++;
            }
            return i;
        }

        /** Where a parameter value ends (at the {@code ;} or {@code :} after it); quoted parts may hold both. */
        private static int parameterEnd(CharSequence text, int from) {
            boolean quoted = false;
            for (int i = from; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == '"') {
                    quoted = !quoted;
                } else if (!quoted && (c == ';' || c == ':')) {
                    return i;
                }
            }
            return -1;
        }

        /** Unquoted; RFC 6868's {@code ^n}, {@code ^'}, {@code ^^} decoded. */
        private static String parameterValue(CharSequence raw) {
            String value = raw.toString();
            if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"") && value.indexOf('"', 1) == value.length() - 1) {
                value = value.substring(1, value.length() - 1);
            }
            if (value.indexOf('^') >= 0) {
                value = value.replace("^n", "\n").replace("^'", "\"").replace("^^", "^");
            }
            return value;
        }

        private static int indexOf(CharSequence text, char wanted, int from) {
            for (int i = from; i < text.length(); i++) {
                if (text.charAt(i) == wanted) {
                    return i;
                }
            }
            return -1;
        }

        private static boolean isBlank(CharSequence text) {
            for (int i = 0; i < text.length(); i++) {
                if (!Character.isWhitespace(text.charAt(i))) {
                    return false;
                }
            }
            return true;
        }
    }
}
