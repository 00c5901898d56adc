package dev.calsync.testsupport;

import dev.calsync.secrets.SecretName;
import dev.calsync.secrets.SecretStore;
import java.nio.file.Path;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * A service's management port as tests reach it: Actuator answers there only, never on the API port, and
 * changing a binding or the clock there needs the service credential ({@code Authorization: Bearer}).
 */
public final class ManagementPort {

    private ManagementPort() {
    }

    /** An anonymous caller, as a probe or a Prometheus scraper is. */
    public static WebTestClient client(int managementPort) {
        return WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + managementPort).build();
    }

    /** A caller presenting the service credential, as an operator does. */
    public static WebTestClient operator(int managementPort) {
        return client(managementPort).mutate()
                .defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + serviceCredential()).build();
    }

    /** {@code POST /actuator/bindings/<binding> {"state": …}} as an operator; anything but a success fails. */
    public static void setBindingState(int managementPort, String binding, String state) {
        changeBindingState(operator(managementPort), binding, state).expectStatus().is2xxSuccessful();
    }

    /** The binding change as {@code caller} sends it, for tests of who may send it. */
    public static WebTestClient.ResponseSpec changeBindingState(WebTestClient caller, String binding, String state) {
        return caller.post().uri("/actuator/bindings/" + binding).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("state", state)).exchange();
    }

    /** The credential in the secrets folder the tests' services read ({@link RealInfrastructure}). */
    private static String serviceCredential() {
        String folder = System.getProperty("CALSYNC_SECRETS_DIR");
        if (folder == null) {
            throw new IllegalStateException("no CALSYNC_SECRETS_DIR: only a @RealInfrastructure test has the services' secrets");
        }
        return SecretStore.fromDirectory(Path.of(folder)).read(SecretName.SERVICE_CREDENTIAL);
    }
}
