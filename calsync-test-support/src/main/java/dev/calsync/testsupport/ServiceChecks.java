package dev.calsync.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * What every calsync service must show from outside once started: health, metrics, bindings. Each check takes a
 * client of the service's management port ({@link ManagementPort}), where Actuator answers.
 */
public final class ServiceChecks {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ServiceChecks() {
    }

    /**
     * Readiness (including the Kafka binder and the database, whose health component is {@code database}:
     * {@code r2dbc} or, for JDBC, {@code db}) and liveness report UP within a minute.
     */
    public static void assertReadyAndLive(WebTestClient http, String database) throws Exception {
        JsonNode readiness = awaitUp(http, "/actuator/health/readiness", Duration.ofSeconds(60));
        assertThat(readiness.at("/components/binders/status").asText()).isEqualTo("UP");
        assertThat(readiness.at("/components/" + database + "/status").asText()).isEqualTo("UP");
        awaitUp(http, "/actuator/health/liveness", Duration.ofSeconds(10));
    }

    public static void assertPrometheusScrape(WebTestClient http, String applicationName) {
        String scrape = http.get().uri("/actuator/prometheus").exchange()
                .expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(scrape).contains("jvm_memory_used_bytes").contains("application=\"" + applicationName + "\"");
    }

    /** Every expected binding exists, bound to its topic, consumers in the service's group. */
    public static void assertBindings(WebTestClient http, String group, Map<String, String> bindingToTopic) throws Exception {
        Map<String, JsonNode> byName = bindingsByName(http);
        bindingToTopic.forEach((binding, topic) -> {
            assertThat(byName).as("binding %s", binding).containsKey(binding);
            JsonNode actual = byName.get(binding);
            assertThat(actual.path("name").asText()).as("destination of %s", binding).isEqualTo(topic);
            boolean consumer = binding.endsWith("-in-0");
            assertThat(actual.path("input").asBoolean()).as("%s is a %s binding", binding, consumer ? "consumer" : "producer")
                    .isEqualTo(consumer);
            if (consumer) {
                assertThat(actual.path("group").asText()).as("group of %s", binding).isEqualTo(group);
            }
        });
    }

    /** A binding's state as Actuator reports it ({@code running}, {@code paused}, …). */
    public static String bindingState(WebTestClient http, String binding) throws Exception {
        JsonNode actual = bindingsByName(http).get(binding);
        assertThat(actual).as("binding %s", binding).isNotNull();
        return actual.path("state").asText();
    }

    private static Map<String, JsonNode> bindingsByName(WebTestClient http) throws Exception {
        String body = http.get().uri("/actuator/bindings").exchange()
                .expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        Map<String, JsonNode> byName = new HashMap<>();
        JSON.readTree(body).forEach(binding -> byName.put(binding.path("bindingName").asText(), binding));
        return byName;
    }

    private static JsonNode awaitUp(WebTestClient http, String path, Duration timeout) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        String last = null;
        while (Instant.now().isBefore(deadline)) {
            last = http.get().uri(path).exchange()
                    .expectBody(String.class).returnResult().getResponseBody();
            JsonNode health = JSON.readTree(last);
            if ("UP".equals(health.path("status").asText())) {
                return health;
            }
            Thread.sleep(250);
        }
        throw new AssertionError(path + " did not report UP within " + timeout + "; last answer: " + last);
    }
}
