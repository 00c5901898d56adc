package dev.calsync.googleemulator.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The {@code fields} syntax of Google's "Partial response", applied to an events.list-shaped answer. */
class FieldSelectionTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String LISTING = """
            {"kind":"calendar#events","etag":"\\"7\\"","summary":"school","nextSyncToken":"abc",
             "defaultReminders":[],
             "items":[
               {"id":"e1","status":"confirmed","summary":"Maths","start":{"dateTime":"2025-03-20T09:00:00Z","timeZone":"UTC"},
                "attendees":[{"email":"a@example.com","responseStatus":"accepted"}]},
               {"id":"e2","status":"cancelled","start":{"date":"2025-03-21"}}]}
            """;

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static JsonNode select(String mask) {
        return FieldSelection.parse(mask).apply(json(LISTING));
    }

    @Test
    void aCommaSeparatedListKeepsOnlyTheNamedFields() {
        assertThat(select("kind,nextSyncToken")).isEqualTo(json("""
                {"kind":"calendar#events","nextSyncToken":"abc"}"""));
    }

    @Test
    void parenthesesSelectInsideEveryObjectOfAnArray() {
        assertThat(select("items(id,status)")).isEqualTo(json("""
                {"items":[{"id":"e1","status":"confirmed"},{"id":"e2","status":"cancelled"}]}"""));
    }

    @Test
    void aSlashSelectsAFieldInsideAnotherAndEmptiedObjectsAreLeftOut() {
        assertThat(select("items/start/dateTime")).isEqualTo(json("""
                {"items":[{"start":{"dateTime":"2025-03-20T09:00:00Z"}},{}]}"""));
    }

    @Test
    void selectionsNestAndCombine() {
        assertThat(select("items(id,attendees(email)),items/summary,etag")).isEqualTo(json("""
                {"etag":"\\"7\\"","items":[{"id":"e1","summary":"Maths","attendees":[{"email":"a@example.com"}]},{"id":"e2"}]}"""));
    }

    @Test
    void aWholeFieldWinsOverASubSelectionOfIt() {
        assertThat(select("items/id,items").get("items")).isEqualTo(json(LISTING).get("items"));
    }

    @Test
    void theWildcardSelectsEveryFieldAtItsLevel() {
        assertThat(select("*")).isEqualTo(json(LISTING));
        assertThat(select("items/start/*")).isEqualTo(json("""
                {"items":[{"start":{"dateTime":"2025-03-20T09:00:00Z","timeZone":"UTC"}},{"start":{"date":"2025-03-21"}}]}"""));
        assertThat(select("items(*)").get("items")).isEqualTo(json(LISTING).get("items"));
    }

    @Test
    void anEmptyArrayStaysAndANameTheAnswerLacksSelectsNothing() {
        assertThat(select("defaultReminders,description")).isEqualTo(json("""
                {"defaultReminders":[]}"""));
    }

    @Test
    void namesOfTheResourceAndItsPartsPassTheSchema() {
        CalendarFieldSchema schema = CalendarFieldSchema.load();
        FieldSelection.parse("nextPageToken,nextSyncToken,items(id,start/dateTime,attendees(email)),items/*/date,*").checkNames(schema, "Events");
        FieldSelection.parse("id,extendedProperties/private/feed,reminders/overrides/minutes").checkNames(schema, "Event");
    }

    @Test
    void theColoursPalettesAreMapsOfColourDefinitions() {
        FieldSelection.parse("kind,calendar/1/background,event/*/foreground").checkNames(CalendarFieldSchema.load(), "Colors");
    }

    // unchecked (under a wildcard) a sub-selection of an array of strings selects nothing in it, not one {} per string
    @Test
    void aSubSelectionOfPlainArrayElementsSelectsNothing() {
        JsonNode event = json("""
                {"id":"e1","recurrence":["RRULE:FREQ=DAILY"],"attendees":[{"email":"a@example.com"},"odd"]}""");
        assertThat(FieldSelection.parse("id,recurrence(rule),attendees(email)").apply(event)).isEqualTo(json("""
                {"id":"e1","attendees":[{"email":"a@example.com"}]}"""));
    }

    @ParameterizedTest
    @ValueSource(strings = {"pagetoken:Events", "items(id,sumary):Events", "summary/length:Event",
            "extendedProperties/private/feed/x:Event", "items/start/when:Events", "recurrence/rule:Event",
            "summaryOverides:CalendarListEntry", "calendar/1/shade:Colors", "colours:Colors"})
    void aNameTheResourceDoesNotHaveIsAnInvalidSelection(String maskAndType) {
        String[] parts = maskAndType.split(":");
        String unknown = parts[0].replaceAll(".*[/(,]", "").replace(")", "");
        assertThatThrownBy(() -> FieldSelection.parse(parts[0]).checkNames(CalendarFieldSchema.load(), parts[1]))
                .isInstanceOfSatisfying(GoogleApiException.class, error -> {
                    assertThat(error.reason()).isEqualTo("invalidParameter");
                    assertThat(error.getMessage()).isEqualTo("Invalid field selection " + unknown);
                });
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ",", "kind,", ",kind", "kind,,etag", "items(", "items(id", "items)", "items(id))",
            "items()", "items/", "/items", "items(id,)", "items id", "items//id"})
    void aMalformedSelectionIsGooglesInvalidParameter(String mask) {
        assertThatThrownBy(() -> FieldSelection.parse(mask))
                .isInstanceOfSatisfying(GoogleApiException.class, error -> {
                    assertThat(error.status().value()).isEqualTo(400);
                    assertThat(error.reason()).isEqualTo("invalidParameter");
                    assertThat(error.location()).isEqualTo("fields");
                    assertThat(error.getMessage()).isEqualTo("Invalid field selection " + mask);
                });
    }
}
