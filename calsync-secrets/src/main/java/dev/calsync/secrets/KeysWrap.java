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
import java.util.Arrays;
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
        List<Path> retiredTokenKeysets = retiredTokenHybridKeysets(System.getenv(RETIRED_TOKEN_HYBRID_KEYSETS_VARIABLE));
        KeysetWrapping wrapping = KeysetWrapping.fromEnvironment(System::getenv);
        if (!wrapping.isWrapped()) {
            System.err.println("keys wrap: set " + KeysetWrapping.KEK_URI_VARIABLE + " to the KMS key that wraps the keysets");
            System.exit(2);
        }
        List<SecretName> wrapped = wrapCleartextKeysets(directory, wrapping);
        List<Path> wrappedRetired = wrapCleartextRetiredKeysets(retiredTokenKeysets, SecretName.TOKEN_HYBRID_PRIVATE_KEYSET, wrapping);
        System.out.println("keys wrap: wrapped " + (wrapped.size() + wrappedRetired.size()) + " keyset(s) with " + wrapping);
        wrapped.forEach(name -> System.out.println("  " + directory.resolve(name.fileName())));
        wrappedRetired.forEach(file -> System.out.println("  " + file + " (retired " + SecretName.TOKEN_HYBRID_PRIVATE_KEYSET.fileName() + ")"));
        System.out.println("Copies of the cleartext keysets in backups stay readable: rotate the keys once the backups age out.");
    }

    /** token-service's retired hybrid keysets, the same variable it reads (comma-separated paths). */
    static final String RETIRED_TOKEN_HYBRID_KEYSETS_VARIABLE = "TOKEN_HYBRID_RETIRED_PRIVATE_KEYSETS";

    static List<Path> retiredTokenHybridKeysets(String variable) {
        if (variable == null || variable.isBlank()) {
            return List.of();
        }
        return Arrays.stream(variable.split(",")).map(String::strip).filter(path -> !path.isEmpty()).map(Path::of).toList();
    }

    /**
     * Wraps keysets kept outside the folder in the role {@code role} (retired keys a service still decrypts
     * with); @return the files it wrapped.
     */
    public static List<Path> wrapCleartextRetiredKeysets(List<Path> files, SecretName role, KeysetWrapping wrapping) throws IOException {
        List<Path> wrapped = new ArrayList<>();
        for (Path file : files) {
            if (wrapIfCleartext(file, role, file.toString(), wrapping)) {
                wrapped.add(file);
            }
        }
        return wrapped;
    }

    /** @return whether the file held a cleartext keyset, now replaced by its wrapped form */
    private static boolean wrapIfCleartext(Path file, SecretName role, String source, KeysetWrapping wrapping) throws IOException {
        String json = Files.readString(file, StandardCharsets.UTF_8);
        if (KeysetWrapping.isWrappedKeyset(json, source)) {
            return false;
        }
        replaceOwnerOnly(file, seal(wrapping, KeysetWrapping.cleartext().open(json, role, source), role, source));
        return true;
    }

    private static String seal(KeysetWrapping wrapping, KeysetHandle keyset, SecretName role, String source) {
        try {
            return wrapping.seal(keyset, role);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the KMS did not wrap " + source + ": " + e.getMessage(), e);
        }
    }

    /** @return the keysets it wrapped; already wrapped ones and other secrets are left alone */
    public static List<SecretName> wrapCleartextKeysets(Path directory, KeysetWrapping wrapping) throws IOException {
        List<SecretName> wrapped = new ArrayList<>();
        for (SecretName name : SecretName.values()) {
            Path file = directory.resolve(name.fileName());
            if (name.isSecretKeyset() && Files.isRegularFile(file) && wrapIfCleartext(file, name, "secret " + name.fileName(), wrapping)) {
                wrapped.add(name);
            }
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
