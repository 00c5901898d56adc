package dev.calsync.googleemulator.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;

/**
 * Google's {@code fields} parameter ("Partial response" in the Calendar performance guide): a
 * comma-separated list of fields, {@code a/b} for a field inside another, {@code a(b,c)} for several
 * fields inside an object or inside every object of an array, and {@code *} for every field at its
 * level. Parsed once into a tree, then applied to the JSON answer. No library on Maven Central parses
 * this syntax into Jackson trees without bringing its own filter model, so the grammar is written out
 * here:
 *
 * <pre>
 * selection := element ("," element)*
 * element   := name ("/" name)* ["(" selection ")"]
 * name      := one or more characters other than , / ( ) and white space
 * </pre>
 *
 * {@link #checkNames} then refuses a name the answer's resource does not have, as Google does.
 */
public final class FieldSelection {

    private static final String WILDCARD = "*";

    /** Every field below this point is selected. */
    private boolean whole;
    private final Map<String, FieldSelection> fields = new LinkedHashMap<>();

    private FieldSelection(boolean whole) {
        this.whole = whole;
    }

    /** @throws GoogleApiException 400 invalidParameter at parameter {@code fields} for a malformed mask */
    public static FieldSelection parse(String mask) {
        Parser parser = new Parser(mask);
        FieldSelection selection = parser.selection();
        if (!parser.atEnd()) {
            throw invalid(mask); // a ")" without its "("
        }
        return selection;
    }

    /**
     * 400 "Invalid field selection name" for the first name {@code type} (and the types below it) does not
     * have. Names under a wildcard are not checked: the wildcard stands for fields of several types.
     */
    public void checkNames(CalendarFieldSchema schema, String type) {
        fields.forEach((name, inner) -> {
            if (name.equals(WILDCARD)) {
                return;
            }
            String fieldType = schema.fieldOf(type, name).orElseThrow(() -> invalid(name));
            if (!inner.whole) {
                inner.checkNames(schema, fieldType);
            }
        });
    }

    /** The parts of {@code value} this selection names; unselected fields and emptied objects are left out. */
    public JsonNode apply(JsonNode value) {
        JsonNode selected = select(value);
        return selected != null ? selected : JsonNodeFactory.instance.objectNode();
    }

    private JsonNode select(JsonNode value) {
        if (whole) {
            return value;
        }
        if (value.isArray()) {
            // a selection applies to every object of the array, which keeps one (maybe emptied) object for each; a
            // plain element (a string of recurrence) has nothing to select inside, so it is left out, and an array
            // with nothing selected in it at all selects nothing
            ArrayNode elements = JsonNodeFactory.instance.arrayNode();
            for (JsonNode element : value) {
                JsonNode selected = select(element);
                if (selected != null) {
                    elements.add(selected);
                }
            }
            return elements.isEmpty() && !value.isEmpty() ? null : elements;
        }
        if (!value.isObject()) {
            return null; // a sub-selection of a plain value selects nothing
        }
        ObjectNode object = JsonNodeFactory.instance.objectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            FieldSelection inner = selectionOf(field.getKey());
            if (inner == null) {
                continue;
            }
            JsonNode selected = inner.select(field.getValue());
            if (selected != null && !(selected.isObject() && selected.isEmpty() && !inner.whole)) {
                object.set(field.getKey(), selected);
            }
        }
        return object;
    }

    /** What is selected inside field {@code name}: its own entry together with the wildcard's. */
    private FieldSelection selectionOf(String name) {
        FieldSelection named = fields.get(name);
        FieldSelection any = fields.get(WILDCARD);
        if (named == null || any == null) {
            return named != null ? named : any;
        }
        FieldSelection both = new FieldSelection(false);
        both.merge(named);
        both.merge(any);
        return both;
    }

    private void add(List<String> path, FieldSelection leaf) {
        FieldSelection at = this;
        for (int i = 0; i < path.size() && !at.whole; i++) {
            FieldSelection next = at.fields.computeIfAbsent(path.get(i), name -> new FieldSelection(false));
            if (i == path.size() - 1) {
                next.merge(leaf);
            }
            at = next;
        }
    }

    /** {@code items,items/id} is all of items; {@code items(id),items(summary)} is items(id,summary). */
    private void merge(FieldSelection other) {
        if (whole || other.whole) {
            whole = true;
            fields.clear();
            return;
        }
        other.fields.forEach((name, selection) ->
                fields.computeIfAbsent(name, absent -> new FieldSelection(false)).merge(selection));
    }

    static GoogleApiException invalid(String selection) {
        return new GoogleApiException(HttpStatus.BAD_REQUEST, "global", "invalidParameter",
                "Invalid field selection " + selection, "parameter", "fields");
    }

    private static final class Parser {

        private final String mask;
        private int position;

        private Parser(String mask) {
            this.mask = mask;
        }

        private boolean atEnd() {
            return position == mask.length();
        }

        private FieldSelection selection() {
            FieldSelection selection = new FieldSelection(false);
            do {
                element(selection);
            } while (accept(','));
            return selection;
        }

        private void element(FieldSelection into) {
            List<String> path = new java.util.ArrayList<>();
            path.add(name());
            while (accept('/')) {
                path.add(name());
            }
            FieldSelection leaf = new FieldSelection(true);
            if (accept('(')) {
                leaf = selection();
                if (!accept(')')) {
                    throw invalid(mask); // "(" without its ")"
                }
            }
            into.add(path, leaf);
        }

        private String name() {
            int start = position;
            while (position < mask.length() && ",/()".indexOf(mask.charAt(position)) < 0) {
                if (Character.isWhitespace(mask.charAt(position))) {
                    throw invalid(mask);
                }
                position++;
            }
            if (position == start) {
                throw invalid(mask); // an empty element: "a,,b", "a/", "()", a trailing comma
            }
            return mask.substring(start, position);
        }

        private boolean accept(char expected) {
            if (position < mask.length() && mask.charAt(position) == expected) {
                position++;
                return true;
            }
            return false;
        }
    }
}
