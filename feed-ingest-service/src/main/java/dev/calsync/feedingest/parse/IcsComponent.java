package dev.calsync.feedingest.parse;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One component of an ICS file exactly as written: names, parameters and raw (still escaped) values.
 * Typed interpretation happens later, per event, so that one impossible value costs one event and not
 * the whole feed (ical4j's typed builder aborts the whole calendar on the first bad date).
 */
final class IcsComponent {

    final String name;
    final List<IcsProperty> properties = new ArrayList<>();
    final List<IcsComponent> children = new ArrayList<>();
    /** The line its BEGIN is on, for warnings that point the feed's owner to it. */
    final int line;

    IcsComponent(String name, int line) {
        this.name = name.toUpperCase(Locale.ROOT);
        this.line = line;
    }

    Optional<IcsProperty> first(String propertyName) {
        for (IcsProperty property : properties) {
            if (property.name().equals(propertyName)) {
                return Optional.of(property);
            }
        }
        return Optional.empty();
    }

    List<IcsProperty> all(String propertyName) {
        List<IcsProperty> found = new ArrayList<>(2);
        for (IcsProperty property : properties) {
            if (property.name().equals(propertyName)) {
                found.add(property);
            }
        }
        return found;
    }

    Optional<String> value(String propertyName) {
        return first(propertyName).map(IcsProperty::value);
    }
}
