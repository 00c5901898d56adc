package dev.calsync.secrets;

import com.google.crypto.tink.KeysetHandle;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Reads secrets: the environment variable {@link SecretName#environmentVariable()} wins, else the file in
 * the secrets folder. Error messages name the secret and where it was looked for, never its content.
 */
public final class SecretStore {

    private final Path directory;
    private final Function<String, String> environment;
    private final Supplier<KeysetWrapping> keysetWrapping;

    public SecretStore(Path directory, Function<String, String> environment) {
        this(directory, environment, () -> KeysetWrapping.fromEnvironment(environment));
    }

    /** @param keysetWrapping how secret keysets are stored; asked once, when the first keyset is read */
    public SecretStore(Path directory, Function<String, String> environment, Supplier<KeysetWrapping> keysetWrapping) {
        this.directory = directory;
        this.environment = environment;
        // resolved lazily: a service that reads no keyset needs no KMS access
        this.keysetWrapping = memoized(keysetWrapping);
    }

    public static SecretStore fromDirectory(Path directory) {
        return new SecretStore(directory, System::getenv);
    }

    public Path directory() {
        return directory;
    }

    public KeysetWrapping keysetWrapping() {
        return keysetWrapping.get();
    }

    /** A secret keyset, unwrapped when a key-encryption key is configured. */
    public KeysetHandle readSecretKeyset(SecretName name) {
        return keysetWrapping().open(read(name), name);
    }

    private static <T> Supplier<T> memoized(Supplier<T> supplier) {
        return new Supplier<>() {
            private volatile T value;

            @Override
            public synchronized T get() {
                if (value == null) {
                    value = supplier.get();
                }
                return value;
            }
        };
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
