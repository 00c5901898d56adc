package dev.calsync.secrets;

import java.nio.file.Path;
import java.util.List;

/** {@code ./calsync keys init [folder] [oauth-service public URL]}: creates the missing secrets. */
public final class KeysInit {

    private KeysInit() {
    }

    public static void main(String[] args) throws Exception {
        Path directory = Path.of(args.length > 0 ? args[0] : ".secrets");
        String publicUrl = args.length > 1 ? args[1] : "http://localhost:8081";
        List<SecretName> created = new SecretsGenerator(publicUrl).generateMissing(directory);
        if (created.isEmpty()) {
            System.out.println("keys init: every secret already exists in " + directory.toAbsolutePath());
        } else {
            System.out.println("keys init: created " + created.size() + " secret(s) in " + directory.toAbsolutePath());
            created.forEach(name -> System.out.println("  " + name.fileName()));
        }
    }
}
