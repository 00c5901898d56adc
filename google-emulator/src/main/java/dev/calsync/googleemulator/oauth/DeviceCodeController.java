package dev.calsync.googleemulator.oauth;

import dev.calsync.googleemulator.config.EmulatorProperties;
import dev.calsync.googleemulator.directory.Directory;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * {@code oauth2.googleapis.com/device/code}, which the discovery document names. Only "TVs and Limited
 * Input devices" clients may use the device flow and a calsync seed has none, so every known client gets
 * Google's {@code 401 invalid_client "Invalid client type."} (GOOGLE.md §9, device flow).
 */
@RestController
public class DeviceCodeController {

    private final Directory directory;
    private final EmulatorProperties properties;

    public DeviceCodeController(Directory directory, EmulatorProperties properties) {
        this.directory = directory;
        this.properties = properties;
    }

    @PostMapping("/device/code")
    public Mono<ResponseEntity<Map<String, String>>> deviceCode(ServerWebExchange exchange) {
        return exchange.getFormData().map(form -> {
            String clientId = form.getFirst("client_id");
            if (clientId == null || clientId.isEmpty()) {
                throw OAuthException.invalidRequest("Could not determine client ID from request.");
            }
            if (directory.client(clientId).isEmpty()) {
                throw OAuthException.invalidClient(properties.switches().unknownClientDescription());
            }
            throw OAuthException.invalidClient("Invalid client type.");
        });
    }
}
