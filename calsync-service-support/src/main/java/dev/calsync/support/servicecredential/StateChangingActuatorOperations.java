package dev.calsync.support.servicecredential;

import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.reactive.ServerHttpRequest;

/**
 * The Actuator operations that change a running service: pausing, resuming or stopping a binding and moving
 * the clock ({@code POST}/{@code DELETE} under {@code <base>/bindings} and {@code <base>/clock}). Reading them,
 * health and the Prometheus scrape stay open, so probes and scrapers need no credential.
 */
final class StateChangingActuatorOperations implements Predicate<ServerHttpRequest> {

    private static final Set<HttpMethod> READS = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);
    private static final List<String> ENDPOINTS = List.of("bindings", "clock");

    private final List<String> prefixes;

    StateChangingActuatorOperations(String actuatorBasePath) {
        this.prefixes = ENDPOINTS.stream().map(endpoint -> actuatorBasePath + "/" + endpoint).toList();
    }

    @Override
    public boolean test(ServerHttpRequest request) {
        if (READS.contains(request.getMethod())) {
            return false;
        }
        String path = request.getPath().pathWithinApplication().value();
        return prefixes.stream().anyMatch(prefix -> path.equals(prefix) || path.startsWith(prefix + "/"));
    }
}
