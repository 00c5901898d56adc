package dev.calsync.secrets;

import com.google.crypto.tink.KeysetHandle;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code ./calsync keys wrap [folder]}: wraps every cleartext secret keyset of the folder with the KMS key
 * {@value KeysetWrapping#KEK_URI_VARIABLE} names — the one-off migration from local keysets to KMS-wrapped
 * ones. The keys themselves stay the same, so everything encrypted before still decrypts.
 */
public final class KeysWrap {

    private KeysWrap() {
    }

    public static void main(String[] args) throws Exception {
        try {
            run(args);
        } catch (IllegalStateException e) {
            // a configuration problem (no KMS credentials, a bad URI): its message says what to fix
            System.err.println("keys wrap: " + e.getMessage());
            System.exit(1);
        }
    }

    private static void run(String[] args) throws Exception {
        Path directory = Path.of(args.length > 0 ? args[0] : ".secrets");
        KeysetWrapping wrapping = KeysetWrapping.fromEnvironment(System::getenv);
        if (!wrapping.isWrapped()) {
            System.err.println("keys wrap: set " + KeysetWrapping.KEK_URI_VARIABLE + " to the KMS key that wraps the keysets");
            System.exit(2);
        }
        List<SecretName> wrapped = wrapCleartextKeysets(directory, wrapping);
        System.out.println("keys wrap: wrapped " + wrapped.size() + " keyset(s) in " + directory.toAbsolutePath()
                + " with " + wrapping);
        wrapped.forEach(name -> System.out.println("  " + name.fileName()));
    }

    /** @return the keysets it wrapped; already wrapped ones and other secrets are left alone */
    public static List<SecretName> wrapCleartextKeysets(Path directory, KeysetWrapping wrapping) throws IOException {
        SecretStore cleartext = new SecretStore(directory, variable -> null, KeysetWrapping::cleartext);
        List<SecretName> wrapped = new ArrayList<>();
        for (SecretName name : SecretName.values()) {
            Path file = directory.resolve(name.fileName());
            if (!name.isSecretKeyset() || !Files.isRegularFile(file)
                    || KeysetWrapping.isWrappedKeyset(Files.readString(file, StandardCharsets.UTF_8), name)) {
                continue;
            }
            KeysetHandle keyset = cleartext.readSecretKeyset(name);
            String sealed;
            try {
                sealed = wrapping.seal(keyset, name);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("the KMS did not wrap " + name.fileName() + ": " + e.getMessage(), e);
            }
            replaceOwnerOnly(file, sealed);
            wrapped.add(name);
        }
        return wrapped;
    }

    /** Written beside the file and moved over it, so a crash leaves the old keyset or the new one, never half. */
    private static void replaceOwnerOnly(Path file, String content) throws IOException {
        Path next = file.resolveSibling(file.getFileName() + ".wrapping");
        Files.deleteIfExists(next);
        SecretsGenerator.createOwnerOnly(next);
        Files.writeString(next, content + "\n", StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
        Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
