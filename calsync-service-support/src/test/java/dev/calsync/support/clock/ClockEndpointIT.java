package dev.calsync.support.clock;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import dev.calsync.testsupport.CalsyncServiceTest;
import dev.calsync.testsupport.ManagementPort;

class ClockEndpointIT {

    @Nested
    @CalsyncServiceTest(properties = "calsync.clock.adjustable=true")
    class WhenATestProfileEnablesIt {

        @LocalManagementPort
        int managementPort;
        /** An operator on the management port: moving the clock needs the service credential. */
        WebTestClient http;

        @Autowired
        Clock clock;

        @BeforeEach
        void connect() {
            http = ManagementPort.operator(managementPort);
        }

        @Test
        void refusesACallerWithoutTheServiceCredential() {
            Instant before = clock.instant();
            ManagementPort.client(managementPort).post().uri("/actuator/clock").contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("advance", "PT2H"))
                    .exchange()
                    .expectStatus().isUnauthorized();
            assertThat(clock.instant()).isBefore(before.plus(Duration.ofMinutes(1)));
        }

        @Test
        void movesTheServicesClockForward() {
            Instant before = clock.instant();
            http.post().uri("/actuator/clock").contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("advance", "PT2H"))
                    .exchange()
                    .expectStatus().isOk()
                    .expectBody().jsonPath("$.offset").isEqualTo("PT2H");

            assertThat(clock.instant()).isAfterOrEqualTo(before.plus(Duration.ofHours(2)));
            http.get().uri("/actuator/clock").exchange().expectStatus().isOk()
                    .expectBody().jsonPath("$.now").exists();
        }

        @Test
        void refusesNonsenseAndBackwardsTimeWithABadRequest() {
            Instant before = clock.instant();
            for (String advance : new String[] {"an hour", "-PT1H"}) {
                http.post().uri("/actuator/clock").contentType(MediaType.APPLICATION_JSON)
                        .bodyValue(Map.of("advance", advance))
                        .exchange()
                        .expectStatus().isBadRequest();
            }
            assertThat(clock.instant()).isBefore(before.plus(Duration.ofMinutes(1)));
        }
    }

    @Nested
    @CalsyncServiceTest
    class ByDefault {

        @LocalManagementPort
        int managementPort;

        @Test
        void doesNotExist() {
            ManagementPort.operator(managementPort).post().uri("/actuator/clock").contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("advance", "PT2H"))
                    .exchange()
                    .expectStatus().isNotFound();
        }
    }
}
