package dev.calsync.support.servicecredential;

import static org.assertj.core.api.Assertions.assertThat;

import dev.calsync.secrets.SecretName;
import dev.calsync.secrets.SecretStore;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

class ServiceCredentialFilterTest {

    private static final String CREDENTIAL = "the-service-credential";

    @TempDir
    Path noSecretsFolder;

    private final AtomicBoolean passed = new AtomicBoolean();
    private final WebFilterChain chain = exchange -> {
        passed.set(true);
        return Mono.empty();
    };

    private SecretStore secrets() {
        return new SecretStore(noSecretsFolder, Map.of("CALSYNC_SECRET_" + SecretName.SERVICE_CREDENTIAL.name(), CREDENTIAL)::get);
    }

    private MockServerWebExchange call(ServiceCredentialFilter filter, String path, String authorization) {
        var request = MockServerHttpRequest.post(path);
        if (authorization != null) {
            request.header(HttpHeaders.AUTHORIZATION, authorization);
        }
        MockServerWebExchange exchange = MockServerWebExchange.from(request);
        passed.set(false);
        filter.filter(exchange, chain).block();
        return exchange;
    }

    @Test
    void everyConfiguredPrefixNeedsTheCredentialAndOtherPathsDoNot() {
        var filter = new ServiceCredentialFilter(new ServiceCredentialProperties(List.of("/internal/", "/api/")), secrets());

        for (String path : List.of("/internal/v1/x", "/api/feeds/f/refresh")) {
            MockServerWebExchange missing = call(filter, path, null);
            assertThat(passed).as(path + " without a credential").isFalse();
            assertThat(missing.getResponse().getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
            assertThat(missing.getResponse().getHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE)).isEqualTo("Bearer");

            call(filter, path, "Bearer " + CREDENTIAL + "x");
            assertThat(passed).as(path + " with a wrong credential").isFalse();
            call(filter, path, CREDENTIAL);
            assertThat(passed).as(path + " with the credential but not as a bearer").isFalse();
            call(filter, path, "Bearer " + CREDENTIAL);
            assertThat(passed).as(path + " with the credential").isTrue();
        }
        call(filter, "/actuator/health", null);
        assertThat(passed).isTrue();
    }

    @Test
    void aServiceWithoutProtectedPathsLetsEverythingPassAndNeedsNoCredential() {
        SecretStore withoutCredential = new SecretStore(noSecretsFolder, name -> null);
        var filter = new ServiceCredentialFilter(new ServiceCredentialProperties(List.of()), withoutCredential);

        call(filter, "/internal/v1/x", null);
        assertThat(passed).isTrue();
    }
}
