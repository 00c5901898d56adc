package dev.calsync.support.servicecredential;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;

class StateChangingActuatorOperationsTest {

    private final StateChangingActuatorOperations operations = new StateChangingActuatorOperations("/actuator");

    @Test
    void changingABindingOrTheClockNeedsTheCredential() {
        assertThat(operations.test(request(HttpMethod.POST, "/actuator/bindings/eventChanges-in-0"))).isTrue();
        assertThat(operations.test(request(HttpMethod.DELETE, "/actuator/bindings/eventChanges-in-0"))).isTrue();
        assertThat(operations.test(request(HttpMethod.POST, "/actuator/clock"))).isTrue();
    }

    /** Probes, scrapers and anyone looking at the bindings carry no credential. */
    @Test
    void readingAnythingDoesNot() {
        assertThat(operations.test(request(HttpMethod.GET, "/actuator/bindings"))).isFalse();
        assertThat(operations.test(request(HttpMethod.GET, "/actuator/bindings/eventChanges-in-0"))).isFalse();
        assertThat(operations.test(request(HttpMethod.GET, "/actuator/health/readiness"))).isFalse();
        assertThat(operations.test(request(HttpMethod.GET, "/actuator/prometheus"))).isFalse();
        assertThat(operations.test(request(HttpMethod.HEAD, "/actuator/clock"))).isFalse();
    }

    @Test
    void anEndpointThatOnlySharesThePrefixIsNotOneOfThem() {
        assertThat(operations.test(request(HttpMethod.POST, "/actuator/clockwork"))).isFalse();
    }

    private static MockServerHttpRequest request(HttpMethod method, String path) {
        return MockServerHttpRequest.method(method, path).build();
    }
}
