package dev.calsync.googleemulator.directory;

import dev.calsync.googleemulator.config.EmulatorProperties;
import dev.calsync.googleemulator.state.IssuedSecrets;
import dev.calsync.secrets.GoogleOAuthClients;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The Google Cloud project the emulator stands for: its OAuth clients and the test accounts that can
 * sign in, from the seed file ./calsync keys init writes (or one a test passes). A test may replace it.
 */
@Component
public class Directory {

    private volatile GoogleOAuthClients registrations;

    public Directory(EmulatorProperties properties, IssuedSecrets issued) {
        this.registrations = load(properties.seedFile());
        registrations.clients().stream()
                .filter(client -> client.clientSecret() != null)
                .forEach(client -> issued.record(IssuedSecrets.Kind.CLIENT_SECRET, client.clientSecret()));
    }

    static GoogleOAuthClients load(Path seedFile) {
        if (seedFile == null) {
            return new GoogleOAuthClients(null, null);
        }
        if (!Files.isRegularFile(seedFile)) {
            throw new IllegalStateException("emulator seed file " + seedFile.toAbsolutePath()
                    + " does not exist; run ./calsync keys init or set GOOGLE_EMULATOR_SEED_FILE");
        }
        try {
            return GoogleOAuthClients.parse(Files.readString(seedFile));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read emulator seed file " + seedFile, e);
        }
    }

    public GoogleOAuthClients registrations() {
        return registrations;
    }

    public void replace(GoogleOAuthClients newRegistrations) {
        this.registrations = newRegistrations;
    }

    public Optional<GoogleOAuthClients.Client> client(String clientId) {
        return clientId == null ? Optional.empty() : registrations.byClientId(clientId);
    }

    /** By email or by {@code sub}, as {@code login_hint} allows both. */
    public Optional<GoogleOAuthClients.Account> account(String emailOrSubject) {
        return registrations.accounts().stream()
                .filter(account -> account.email().equalsIgnoreCase(emailOrSubject) || account.sub().equals(emailOrSubject))
                .findFirst();
    }
}
