package dev.calsync.googleemulator.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.calsync.googleemulator.EmulatorTestSupport;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A method the Calendar API does not have, whether the path is unknown or the path knows other HTTP methods,
 * answers Google's 404 notFound envelope, never Spring's 404/405 JSON (see {@link GoogleRoutingErrorHandler}).
 * Raw HTTP: Google's Java client only sends the methods it knows.
 */
class UnknownMethodsConformanceIT extends EmulatorTestSupport {

    private static final String GOOGLE_NOT_FOUND =
            "{\"error\":{\"code\":404,\"message\":\"Not Found\",\"errors\":[{\"message\":\"Not Found\",\"domain\":\"global\",\"reason\":\"notFound\"}]}}";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
            "GET, /calendar/v3/nothingHere",
            "GET, /calendar/v3",
            "POST, /calendar/v3/users/me/settings",
            "DELETE, /calendar/v3/users/me/calendarList",
            "PUT, /calendar/v3/calendars",
            "POST, /calendar/v3/colors"})
    void answersGooglesNotFound(String method, String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(baseUrl().resolve(path))
                .header("Authorization", "Bearer " + accessToken(alice()))
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString("{}"))
                .build();

        HttpResponse<String> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json; charset=UTF-8");
        assertThat(JSON.readTree(response.body())).isEqualTo(JSON.readTree(GOOGLE_NOT_FOUND));
    }
}
