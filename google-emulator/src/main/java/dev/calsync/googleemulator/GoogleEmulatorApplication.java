package dev.calsync.googleemulator;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * google-emulator: the stand-in for Google's OAuth 2.0 / OpenID Connect and Calendar v3 endpoints that
 * development, tests and the local stack talk to, since nothing here can reach Google.
 */
@SpringBootApplication
public class GoogleEmulatorApplication {

    public static void main(String[] args) {
        SpringApplication.run(GoogleEmulatorApplication.class, args);
    }
}
