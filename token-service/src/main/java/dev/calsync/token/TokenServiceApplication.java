package dev.calsync.token;

import dev.calsync.token.keys.ReEncryptCommand;
import java.util.Arrays;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** token-service: the refresh-token vault and access-token broker. */
@SpringBootApplication
public class TokenServiceApplication {

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals(ReEncryptCommand.NAME)) {
            long count = ReEncryptCommand.run(Arrays.copyOfRange(args, 1, args.length));
            System.out.println("re-encrypted " + count + " refresh tokens under the newest key of TOKEN_AEAD_KEYSET");
            return;
        }
        SpringApplication.run(TokenServiceApplication.class, args);
    }
}
