package dev.calsync.secrets;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;

/**
 * OAuth client registrations and Google test accounts: what a Google Cloud project holds for calsync.
 * google-emulator is seeded from it; the services read their client ids and secrets from it.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record GoogleOAuthClients(List<Client> clients, List<Account> accounts) {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public GoogleOAuthClients {
        clients = List.copyOf(clients == null ? List.of() : clients);
        accounts = List.copyOf(accounts == null ? List.of() : accounts);
    }

    public enum ClientType { web, desktop, android, ios }

    /** Google's two publishing states; "testing" makes refresh tokens of calendar scopes expire after 7 days. */
    public enum PublishingStatus { testing, in_production }

    /**
     * One OAuth client. {@code webClientId} ties an Android/iOS app client to the web client whose
     * {@code serverAuthCode} it obtains; app clients have no secret.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Client(ClientType type, String clientId, String clientSecret, List<String> redirectUris,
                         String webClientId, PublishingStatus publishingStatus) {
        public Client {
            redirectUris = List.copyOf(redirectUris == null ? List.of() : redirectUris);
        }

        @Override
        public String toString() {
            return "Client[type=" + type + ", clientId=" + clientId + "]";
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Account(String sub, String email, String name) {
    }

    public Optional<Client> firstOfType(ClientType type) {
        return clients.stream().filter(c -> c.type() == type).findFirst();
    }

    public Optional<Client> byClientId(String clientId) {
        return clients.stream().filter(c -> c.clientId().equals(clientId)).findFirst();
    }

    public static GoogleOAuthClients parse(String json) {
        try {
            return JSON.readValue(json, GoogleOAuthClients.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("google-oauth-clients.json is not valid: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String toString() {
        return "GoogleOAuthClients[clients=" + clients + ", accounts=" + accounts.size() + "]";
    }
}
