package dev.calsync.local.replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One service instance's Spring Cloud Stream bindings through its Actuator ({@code /actuator/bindings} on the
 * management port): reading them is open, changing their state needs the service credential.
 */
final class ServiceBindings {

    /** An input binding: its name, the topic it reads, its consumer group and state (running, stopped, paused). */
    record Binding(String name, String topic, String group, String state) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final URI managementUrl;
    private final String credential;

    ServiceBindings(URI managementUrl, String credential) {
        this.managementUrl = managementUrl;
        this.credential = credential;
    }

    /** The instance's input bindings of that consumer group. */
    List<Binding> inputBindingsOf(String group) throws ReplayRefused {
        HttpResponse<String> response = send(HttpRequest.newBuilder(bindings("")).GET());
        if (response.statusCode() != 200) {
            throw new ReplayRefused("GET " + bindings("") + " answered " + response.statusCode()
                    + ": is --management-url the management port of the service?");
        }
        List<Binding> found = new ArrayList<>();
        try {
            for (JsonNode binding : JSON.readTree(response.body())) {
                if (binding.path("input").asBoolean() && group.equals(binding.path("group").asText())) {
                    found.add(new Binding(binding.path("bindingName").asText(), binding.path("name").asText(),
                            group, binding.path("state").asText()));
                }
            }
        } catch (IOException e) {
            throw new ReplayRefused("GET " + bindings("") + " did not answer the bindings as JSON", e);
        }
        return found;
    }

    /** {@code STOPPED} or {@code STARTED}; the Actuator answers once the binding's consumer is closed or running. */
    void change(Binding binding, String state) throws ReplayRefused {
        HttpResponse<String> response = send(HttpRequest.newBuilder(bindings("/" + binding.name()))
                .header("Authorization", "Bearer " + credential).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"state\":\"" + state + "\"}")));
        if (response.statusCode() == 401) {
            throw new ReplayRefused("the service refused the service credential (401) at " + bindings("/" + binding.name())
                    + ": CALSYNC_SECRETS_DIR (or CALSYNC_SECRET_SERVICE_CREDENTIAL) must be the one the service reads");
        }
        if (response.statusCode() / 100 != 2) {
            throw new ReplayRefused("setting " + binding.name() + " to " + state + " answered " + response.statusCode());
        }
    }

    URI managementUrl() {
        return managementUrl;
    }

    private URI bindings(String suffix) {
        return URI.create(managementUrl + "/actuator/bindings" + suffix);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws ReplayRefused {
        try {
            return HTTP.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new ReplayRefused("the service's management port " + managementUrl + " does not answer ("
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage())
                    + "): is the service running there? (--management-url)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ReplayRefused("interrupted", e);
        }
    }
}
