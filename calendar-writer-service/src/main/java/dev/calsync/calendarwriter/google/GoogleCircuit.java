package dev.calsync.calendarwriter.google;

import com.google.api.client.googleapis.json.GoogleJsonResponseException;
import dev.calsync.calendarwriter.config.WriterProperties;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Google failing for everyone (5xx, timeouts, connections refused): one circuit breaker over every Calendar call
 * of this instance (Resilience4j). Only Google's own failures count; an answer — a 404, a rate limit, a refusal —
 * means Google is up. Open, it refuses calls at once ({@link CallNotPermittedException}, a transient failure: the
 * change is tried again later) and tells its listeners, which stop fetching records; after
 * {@code circuit-open-duration} it lets a few calls through on its own and closes when they succeed.
 */
@Component
public class GoogleCircuit {

    public static final String OPEN_METRIC = "calsync.writer.google.circuit.open";

    private static final Logger log = LoggerFactory.getLogger(GoogleCircuit.class);

    private final CircuitBreaker breaker;
    private final CopyOnWriteArrayList<Consumer<Boolean>> listeners = new CopyOnWriteArrayList<>();

    public GoogleCircuit(WriterProperties properties, MeterRegistry meters) {
        this.breaker = CircuitBreaker.of("google", CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(properties.circuitMinimumCalls())
                .minimumNumberOfCalls(properties.circuitMinimumCalls())
                .failureRateThreshold(properties.circuitFailureRate())
                .waitDurationInOpenState(properties.circuitOpenDuration())
                .automaticTransitionFromOpenToHalfOpenEnabled(true)
                .permittedNumberOfCallsInHalfOpenState(3)
                .recordException(GoogleCircuit::isGoogleFailure)
                .build());
        breaker.getEventPublisher().onStateTransition(event -> {
            boolean open = isOpen(event.getStateTransition().getToState());
            log.warn("Google circuit {}: {}", open ? "opened, no calls and no new records" : "no longer open",
                    event.getStateTransition());
            listeners.forEach(listener -> listener.accept(open));
        });
        Gauge.builder(OPEN_METRIC, breaker, b -> isOpen(b.getState()) ? 1 : 0)
                .description("1 while Google calls are refused because Google fails for everyone").register(meters);
    }

    /** Told true when the circuit opens and false when it lets calls through again. */
    public void onOpenChange(Consumer<Boolean> listener) {
        listeners.add(listener);
    }

    public boolean isOpen() {
        return isOpen(breaker.getState());
    }

    /** Runs one Calendar call through the breaker. */
    <T> T call(Callable<T> call) throws IOException {
        try {
            return breaker.executeCallable(call);
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean isOpen(CircuitBreaker.State state) {
        return state == CircuitBreaker.State.OPEN || state == CircuitBreaker.State.FORCED_OPEN;
    }

    /** Google's failures, not its answers: 5xx and I/O (timeouts, refused connections). */
    static boolean isGoogleFailure(Throwable error) {
        if (error instanceof GoogleJsonResponseException google) {
            return google.getStatusCode() >= 500;
        }
        return error instanceof IOException;
    }
}
