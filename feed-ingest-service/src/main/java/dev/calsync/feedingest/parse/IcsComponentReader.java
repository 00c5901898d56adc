package dev.calsync.feedingest.parse;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import net.fortuna.ical4j.data.CalendarParserImpl;
import net.fortuna.ical4j.data.ContentHandler;
import net.fortuna.ical4j.data.ParserException;
import net.fortuna.ical4j.data.UnfoldingReader;

/**
 * Reads an ICS stream with ical4j's streaming parser (unfolding, content-line and parameter syntax)
 * into {@link IcsComponent}s, without ical4j's typed model: that model parses every date while it
 * builds and throws away the whole calendar for one impossible value, and it costs most of the time.
 */
final class IcsComponentReader {

    static {
        // LF-only files, blank lines between components and Outlook quirks are common in the wild (MACHINE.md §7)
        System.setProperty("ical4j.unfolding.relaxed", "true");
        System.setProperty("ical4j.parsing.relaxed", "true");
        System.setProperty("ical4j.validation.relaxed", "true");
        System.setProperty("ical4j.compatibility.outlook", "true");
    }

    private IcsComponentReader() {
    }

    /** The VCALENDAR (its properties, and its components as children). */
    static IcsComponent read(Reader reader) throws IOException, ParserException {
        return read(reader, null);
    }

    /**
     * Like {@link #read(Reader)}, but each top-level VEVENT goes to {@code events} (with the calendar as read so far) as soon as it ends and is
     * not kept in the tree, so a big feed is never held whole in its raw form.
     */
    static IcsComponent read(Reader reader, java.util.function.BiConsumer<IcsComponent, IcsComponent> events) throws IOException, ParserException {
        Collector collector = new Collector(events);
        // the parser expects unfolded lines (CalendarBuilder unfolds before it); relaxed: LF-only folds too
        new CalendarParserImpl().parse(new UnfoldingReader(reader, true), collector);
        if (collector.calendar == null) {
            throw new ParserException("no VCALENDAR in the feed", 0);
        }
        if (!collector.open.isEmpty()) {
            throw new ParserException("the feed ends inside " + collector.open.peek().name + " (truncated?)", 0);
        }
        return collector.calendar;
    }

    private static final class Collector implements ContentHandler {

        private final Deque<IcsComponent> open = new ArrayDeque<>();
        private final java.util.function.BiConsumer<IcsComponent, IcsComponent> events;
        private IcsComponent calendar;

        Collector(java.util.function.BiConsumer<IcsComponent, IcsComponent> events) {
            this.events = events;
        }
        private String propertyName;
        private Map<String, String> parameters;
        private String propertyValue;

        @Override
        public void startCalendar() {
            if (calendar == null) {
                calendar = new IcsComponent("VCALENDAR");
                open.push(calendar);
            } else {
                // a second VCALENDAR in one file: read its components into the first
                open.push(calendar);
            }
        }

        @Override
        public void endCalendar() {
            open.pop();
        }

        @Override
        public void startComponent(String name) {
            IcsComponent component = new IcsComponent(name);
            boolean streamed = events != null && open.peek() == calendar && component.name.equals("VEVENT");
            if (!open.isEmpty() && !streamed) {
                open.peek().children.add(component);
            }
            open.push(component);
        }

        @Override
        public void endComponent(String name) {
            if (open.size() > 1) {
                IcsComponent ended = open.pop();
                if (events != null && open.peek() == calendar && ended.name.equals("VEVENT")) {
                    events.accept(calendar, ended);
                }
            }
        }

        @Override
        public void startProperty(String name) {
            propertyName = name.toUpperCase(Locale.ROOT);
            parameters = Map.of();
            propertyValue = "";
        }

        @Override
        public void propertyValue(String value) {
            propertyValue = value == null ? "" : value;
        }

        @Override
        public void parameter(String name, String value) {
            if (parameters.isEmpty()) {
                parameters = new HashMap<>(4);
            }
            parameters.put(name.toUpperCase(Locale.ROOT), unquote(value));
        }

        @Override
        public void endProperty(String name) {
            if (!open.isEmpty()) {
                open.peek().properties.add(new IcsProperty(propertyName, parameters, propertyValue));
            }
        }

        private static String unquote(String value) {
            if (value != null && value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                return value.substring(1, value.length() - 1);
            }
            return value;
        }
    }

    static List<IcsComponent> children(IcsComponent calendar, String name) {
        return calendar.children.stream().filter(c -> c.name.equals(name)).toList();
    }
}
