package dev.calsync.googleemulator;

import dev.calsync.clock.AdjustableClock;
import dev.calsync.googleemulator.config.EmulatorProperties;
import java.time.Clock;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * google-emulator: the stand-in for Google's OAuth 2.0 / OpenID Connect and Calendar v3 endpoints that
 * development, tests and the local stack talk to, since nothing here can reach Google. State lives in
 * memory; time is real time plus an offset the admin API moves.
 */
@SpringBootApplication
@EnableConfigurationProperties(EmulatorProperties.class)
public class GoogleEmulatorApplication {

    /**
     * The emulator's configuration is {@code google-emulator.yml}, not {@code application.yml}: a service's
     * tests start the emulator in their own JVM, where the service's application.yml is on the class path.
     */
    static final Map<String, Object> DEFAULTS = Map.of("spring.config.name", "google-emulator");

    public static void main(String[] args) {
        SpringApplication application = new SpringApplication(GoogleEmulatorApplication.class);
        application.setDefaultProperties(DEFAULTS);
        application.run(args);
    }

    @Bean
    AdjustableClock clock() {
        return new AdjustableClock(Clock.systemUTC());
    }
}
