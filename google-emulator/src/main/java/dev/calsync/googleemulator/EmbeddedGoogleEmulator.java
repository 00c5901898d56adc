package dev.calsync.googleemulator;

import dev.calsync.clock.AdjustableClock;
import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The emulator inside a test's JVM on a random port, with the admin API on:
 * {@code try (var google = EmbeddedGoogleEmulator.start(seedFile)) { google.baseUrl() ... }}.
 */
public final class EmbeddedGoogleEmulator implements AutoCloseable {

    private final ConfigurableApplicationContext context;
    private final URI baseUrl;

    private EmbeddedGoogleEmulator(ConfigurableApplicationContext context) {
        this.context = context;
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        this.baseUrl = URI.create("http://127.0.0.1:" + port);
    }

    /**
     * A service's test starts the emulator in the service's JVM, so the service's auto-configurations
     * (PostgreSQL over R2DBC or JDBC, Kafka, the binder, Spring Security, calsync's topics and publisher) are on the class
     * path too; the emulator needs none of them and must not start them.
     */
    static final Map<String, Object> BESIDE_A_SERVICE = Map.of(
            "spring.autoconfigure.exclude", String.join(",",
                    "org.springframework.boot.autoconfigure.flyway.FlywayAutoConfiguration",
                    "org.springframework.boot.autoconfigure.r2dbc.R2dbcAutoConfiguration",
                    "org.springframework.boot.autoconfigure.data.r2dbc.R2dbcDataAutoConfiguration",
                    "org.springframework.boot.autoconfigure.data.r2dbc.R2dbcRepositoriesAutoConfiguration",
                    "org.springframework.boot.autoconfigure.r2dbc.R2dbcTransactionManagerAutoConfiguration",
                    "org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration",
                    "org.springframework.boot.autoconfigure.jdbc.DataSourceTransactionManagerAutoConfiguration",
                    "org.springframework.boot.autoconfigure.jdbc.JdbcTemplateAutoConfiguration",
                    "org.springframework.boot.autoconfigure.jdbc.JdbcClientAutoConfiguration",
                    "org.springframework.boot.actuate.autoconfigure.jdbc.DataSourceHealthContributorAutoConfiguration",
                    "org.springframework.boot.autoconfigure.kafka.KafkaAutoConfiguration",
                    "org.springframework.boot.autoconfigure.security.reactive.ReactiveSecurityAutoConfiguration",
                    "org.springframework.boot.autoconfigure.security.reactive.ReactiveUserDetailsServiceAutoConfiguration",
                    "org.springframework.boot.autoconfigure.security.oauth2.client.reactive.ReactiveOAuth2ClientAutoConfiguration",
                    "org.springframework.boot.actuate.autoconfigure.security.reactive.ReactiveManagementWebSecurityAutoConfiguration",
                    "dev.calsync.support.topics.TopicsAutoConfiguration",
                    "dev.calsync.support.messaging.MessagingAutoConfiguration"),
            "spring.cloud.function.definition", "",
            "management.endpoint.health.group.readiness.include", "readinessState",
            "calsync.db.schema", "google_emulator");

    public static EmbeddedGoogleEmulator start(Path seedFile) {
        return start(seedFile, Map.of());
    }

    /** @param properties further {@code emulator.*} settings (quotas, switches, lifetimes) */
    public static EmbeddedGoogleEmulator start(Path seedFile, Map<String, Object> properties) {
        Map<String, Object> settings = new HashMap<>(BESIDE_A_SERVICE);
        settings.put("server.port", "0");
        settings.put("emulator.seed-file", seedFile.toString());
        settings.put("emulator.admin.enabled", "true");
        settings.putAll(properties);
        SpringApplication application = new SpringApplication(GoogleEmulatorApplication.class);
        application.setWebApplicationType(WebApplicationType.REACTIVE);
        // closing one emulator must not stop the other servers and clients of the test JVM
        application.addInitializers(new OwnEventLoops());
        application.setDefaultProperties(GoogleEmulatorApplication.DEFAULTS);
        // as command-line arguments they win over google-emulator.yml and the test JVM's environment
        String[] arguments = settings.entrySet().stream()
                .map(setting -> "--" + setting.getKey() + "=" + setting.getValue()).toArray(String[]::new);
        return new EmbeddedGoogleEmulator(application.run(arguments));
    }

    /** {@code http://127.0.0.1:<port>}: issuer, token endpoint host and Calendar root all hang off it. */
    public URI baseUrl() {
        return baseUrl;
    }

    public AdjustableClock clock() {
        return context.getBean(AdjustableClock.class);
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    @Override
    public void close() {
        context.close();
    }
}
