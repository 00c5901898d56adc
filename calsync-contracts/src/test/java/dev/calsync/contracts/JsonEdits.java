package dev.calsync.contracts;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** Edits the wire JSON of a record the way a buggy, older or newer producer would have written it. */
public final class JsonEdits {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonEdits() {
    }

    public static ObjectNode wireJson(CalsyncEvent event) {
        return (ObjectNode) parse(ContractJson.encode(event));
    }

    public static JsonNode parse(byte[] json) {
        try {
            return MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static JsonNode parse(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] bytes(JsonNode json) {
        try {
            return MAPPER.writeValueAsBytes(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A copy without the field at {@code pointer}, e.g. {@code /event/start/timeZone}; the field must exist. */
    public static ObjectNode without(ObjectNode json, String pointer) {
        ObjectNode copy = json.deepCopy();
        JsonPointer path = JsonPointer.compile(pointer);
        String field = path.last().getMatchingProperty();
        if (!(copy.at(path.head()) instanceof ObjectNode parent) || !parent.has(field)) {
            throw new IllegalArgumentException(pointer + " is not in the sample, so removing it would test nothing");
        }
        parent.remove(field);
        return copy;
    }

    /** A copy with the field at {@code pointer} set to {@code value}; its parent object must exist. */
    public static ObjectNode with(ObjectNode json, String pointer, JsonNode value) {
        ObjectNode copy = json.deepCopy();
        JsonPointer path = JsonPointer.compile(pointer);
        if (!(copy.at(path.head()) instanceof ObjectNode parent)) {
            throw new IllegalArgumentException(path.head() + " is not an object in the sample");
        }
        parent.set(path.last().getMatchingProperty(), value);
        return copy;
    }

    public static ObjectNode with(ObjectNode json, String pointer, String value) {
        return with(json, pointer, MAPPER.getNodeFactory().textNode(value));
    }

    /** A copy in which every JSON object, the top level and each nested one, has one more field. */
    public static ObjectNode withFieldInEveryObject(ObjectNode json, String field, JsonNode value) {
        ObjectNode copy = json.deepCopy();
        List<ObjectNode> objects = new ArrayList<>();
        collectObjects(copy, objects);
        objects.forEach(object -> object.set(field, value.deepCopy()));
        return copy;
    }

    public static int countObjects(JsonNode json) {
        List<ObjectNode> objects = new ArrayList<>();
        collectObjects(json, objects);
        return objects.size();
    }

    private static void collectObjects(JsonNode node, List<ObjectNode> objects) {
        if (node instanceof ObjectNode object) {
            objects.add(object);
        }
        node.forEach(child -> collectObjects(child, objects));
    }
}
