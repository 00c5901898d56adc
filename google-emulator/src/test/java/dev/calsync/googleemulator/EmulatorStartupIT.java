package dev.calsync.googleemulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.calsync.googleemulator.state.IssuedSecrets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EmulatorStartupIT extends EmulatorTestSupport {

    @Test
    void startsInProcessOnARandomPortAndReportsHealthy() {
        assertThat(baseUrl().getPort()).isPositive().isNotEqualTo(8089);
        http.get().uri("/actuator/health/readiness").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("UP");
    }

    @Test
    void theAdminClockMovesTheEmulatorsTime() {
        var before = google.clock().instant();
        http.post().uri("/emulator/admin/clock").bodyValue(Map.of("advance", "PT2H")).exchange()
                .expectStatus().isOk();
        assertThat(google.clock().instant()).isAfterOrEqualTo(before.plus(Duration.ofHours(2)));
    }

    // issue 17 point 8: a reset leaves the emulator as a fresh one would be, its clock included
    @Test
    void theResetPutsTheClockBackToRealTime() {
        http.post().uri("/emulator/admin/clock").bodyValue(Map.of("advance", "PT2H")).exchange().expectStatus().isOk();
        http.post().uri("/emulator/admin/reset").exchange().expectStatus().isNoContent();
        Instant wallClock = Instant.now();
        http.get().uri("/emulator/admin/clock").exchange().expectStatus().isOk()
                .expectBody()
                .jsonPath("$.offset").isEqualTo("PT0S")
                .jsonPath("$.now").value(now -> assertThat(Instant.parse((String) now))
                        .isBetween(wallClock.minusSeconds(5), wallClock.plusSeconds(5)));
    }

    @Test
    void theAdminApiListsEveryClientSecretAndIssuedToken() {
        Map<String, Object> issued = grant(alice(), List.of("openid", CALENDAR_SCOPE));
        List<IssuedSecrets.Issued> secrets = google.bean(IssuedSecrets.class).all();
        assertThat(secrets).extracting(IssuedSecrets.Issued::value)
                .contains(webClient().clientSecret(), (String) issued.get("access_token"), (String) issued.get("refresh_token"));
        http.get().uri("/emulator/admin/secrets").exchange().expectStatus().isOk()
                .expectBody(String.class).value(body -> assertThat(body).contains(webClient().clientSecret()));
    }
}
