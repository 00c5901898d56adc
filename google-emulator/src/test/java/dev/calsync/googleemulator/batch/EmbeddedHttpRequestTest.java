package dev.calsync.googleemulator.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Which batch part targets may be replayed: only Calendar methods, judged on the raw path the loopback call sends
 * ("All the inner requests must go to the same Google API", "Send batch requests").
 */
class EmbeddedHttpRequestTest {

    private static EmbeddedHttpRequest part(String target) {
        return EmbeddedHttpRequest.parse(("GET " + target + " HTTP/1.1\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "/calendar/v3/colors",
            "/calendar/v3/calendars/primary/events?maxResults=2&pageToken=abc",
            "/calendar/v3/calendars/a%40example.com/events",
            "/calendar/v3/calendars/primary/events/..abc",
            "http://127.0.0.1:8080/calendar/v3/colors",
            "https://www.googleapis.com/calendar/v3/users/me/calendarList"})
    void aCalendarMethodIsReplayed(String target) {
        assertThat(part(target).addressesCalendarApi()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "/emulator/admin/reset",
            "/oauth2/v4/token",
            "/oauth2/v3/userinfo",
            "/calendar/v3/../emulator/admin/reset",
            "/calendar/v3/%2e%2e/emulator/admin/reset",
            "/calendar/v3/%2E%2E/emulator/admin/reset",
            "/calendar/v3/..;/emulator/admin/reset",
            "/calendar/v3/..;x=1/emulator/admin/reset",
            "/calendar/v3/./colors",
            "/calendar/v3/calendars/..%2f..%2femulator/admin",
            "/calendar/v3/calendars/%5c..",
            "//x/calendar/v3/colors",
            "/calendar/v3//colors",
            "http://h//x/calendar/v3/colors",
            "http://other.example/emulator/admin/reset",
            "http://other.example/calendar/v3/../emulator/admin/reset",
            "/calendar/v3"})
    void anythingElseIsNot(String target) {
        assertThat(part(target).addressesCalendarApi()).isFalse();
    }

    // a target no URL parser takes is refused for the whole batch; the check alone refuses it as well
    @Test
    void aMalformedEscapeIsRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> part("/calendar/v3/%zz/colors"));
        assertThat(EmbeddedHttpRequest.addressesCalendarApi("/calendar/v3/%zz/colors")).isFalse();
    }

    // the host of an absolute URL is not where the call goes: the loopback call takes only its path and query
    @ParameterizedTest
    @ValueSource(strings = {"http://other.example/calendar/v3/colors?x=%20y", "/calendar/v3/colors?x=%20y"})
    void theCheckedPathAndQueryAreWhatIsSent(String target) {
        EmbeddedHttpRequest request = part(target);
        assertThat(request.path()).isEqualTo("/calendar/v3/colors");
        assertThat(request.query()).isEqualTo("x=%20y");
    }
}
