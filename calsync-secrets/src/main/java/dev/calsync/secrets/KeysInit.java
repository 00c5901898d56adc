package dev.calsync.secrets;

import java.nio.file.Path;
import java.util.List;

/**
 * {@code ./calsync keys init [folder] [oauth-service public URL]}: creates the missing secrets, the secret
 * keysets wrapped by the KMS key {@value KeysetWrapping#KEK_URI_VARIABLE} names when it is set.
 */
public final class KeysInit {

    private KeysInit() {
    }

    public static void main(String[] args) throws Exception {
        try {
            run(args);
        } catch (IllegalStateException e) {
            // a configuration problem (no KMS credentials, a bad URI): its message says what to fix
            System.err.println("keys init: " + e.getMessage());
            System.exit(1);
        }
    }

    private static void run(String[] args) throws Exception {
        Path directory = Path.of(args.length > 0 ? args[0] : ".secrets");
        String publicUrl = args.length > 1 ? args[1] : "http://localhost:8081";
        List<SecretName> created = new SecretsGenerator(publicUrl, KeysetWrapping.fromEnvironment(System::getenv))
                .generateMissing(directory);
        if (created.isEmpty()) {
            System.out.println("keys init: every secret already exists in " + directory.toAbsolutePath());
        } else {
            System.out.println("keys init: created " + created.size() + " secret(s) in " + directory.toAbsolutePath());
            created.forEach(name -> System.out.println("  " + name.fileName()));
        }
    }
}
