package dev.calsync.secrets;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads secrets: the environment variable {@link SecretName#environmentVariable()} wins, else the file in
 * the secrets folder. Error messages name the secret and where it was looked for, never its content.
 */
public final class SecretStore {

    private final Path directory;
    private final Function<String, String> environment;

    public SecretStore(Path directory, Function<String, String> environment) {
        this.directory = directory;
        this.environment = environment;
    }

    public static SecretStore fromDirectory(Path directory) {
        return new SecretStore(directory, System::getenv);
    }

    public Path directory() {
        return directory;
    }

    public Optional<String> find(SecretName name) {
        String fromEnvironment = environment.apply(name.environmentVariable());
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return Optional.of(fromEnvironment.strip());
        }
        Path file = directory.resolve(name.fileName());
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Files.readString(file, StandardCharsets.UTF_8).strip());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read secret " + name.fileName() + " in " + directory, e);
        }
    }

    public String read(SecretName name) {
        return find(name).orElseThrow(() -> new MissingSecretException(
                "secret " + name.fileName() + " not found in " + directory.toAbsolutePath()
                        + " and " + name.environmentVariable() + " is not set; run ./calsync keys init"));
    }
}
