package dev.calsync.calendarwriter.google;

import com.google.api.client.googleapis.json.GoogleJsonError;
import com.google.api.client.googleapis.json.GoogleJsonResponseException;
import com.google.api.client.googleapis.services.AbstractGoogleClientRequest;
import com.google.api.client.http.javanet.NetHttpTransport;
import com.google.api.client.json.gson.GsonFactory;
import com.google.api.services.calendar.Calendar;
import dev.calsync.calendarwriter.config.WriterProperties;
import dev.calsync.calendarwriter.quota.GooglePacing;
import dev.calsync.calendarwriter.quota.RetryAfter;
import dev.calsync.support.google.GoogleEndpointsProperties;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Google's own Calendar client with the root URL from {@code calsync.google.calendar-root-url}. Each call
 * carries the access token of the change's grant; a {@code 401} gets one forced refresh and one retry;
 * transient errors ({@code 429}, {@code 403 rateLimitExceeded/userRateLimitExceeded}, {@code 5xx}, I/O)
 * are retried with exponential back-off and jitter, a bounded number of times ({@link WriterProperties}), and never
 * sooner than a {@code Retry-After} says (one longer than the longest back-off is left to the change's lane, so no
 * worker sleeps through it); every call first takes its share of Google's quotas ({@link GooglePacing}) and goes
 * through {@link GoogleCircuit}, which refuses calls while Google fails for everyone. Other Google
 * errors are thrown to the caller as {@link GoogleJsonResponseException}. Blocking: called on a lane's worker,
 * never on an event loop.
 */
@Component
public class GoogleCalendarClient {

    public static final String CALLS_METRIC = "calsync.writer.google.calls";
    public static final String RETRIES_METRIC = "calsync.writer.google.retries";

    private static final Set<String> RATE_LIMIT_REASONS = Set.of("rateLimitExceeded", "userRateLimitExceeded");

    /** Builds one Calendar request of the client. */
    @FunctionalInterface
    public interface RequestFactory<T> {
        AbstractGoogleClientRequest<T> build(Calendar calendar) throws IOException;
    }

    private final Calendar calendar;
    private final TokenServiceClient tokens;
    private final MeterRegistry meters;
    private final Retry retry;
    private final GoogleCircuit circuit;
    private final GooglePacing pacing;

    public GoogleCalendarClient(GoogleEndpointsProperties endpoints, TokenServiceClient tokens, MeterRegistry meters,
                                WriterProperties properties, GoogleCircuit circuit, GooglePacing pacing, Clock clock) {
        String root = endpoints.calendarRootUrl().toString();
        this.calendar = new Calendar.Builder(new NetHttpTransport(), GsonFactory.getDefaultInstance(), request -> {
            request.setConnectTimeout((int) properties.googleConnectTimeout().toMillis());
            request.setReadTimeout((int) properties.googleReadTimeout().toMillis());
        })
                .setRootUrl(root.endsWith("/") ? root : root + "/")
                .setApplicationName("calsync-calendar-writer")
                .build();
        this.tokens = tokens;
        this.meters = meters;
        this.circuit = circuit;
        this.pacing = pacing;
        Duration longestBackOff = properties.retryMaxBackoff();
        this.retry = Retry.of("google", RetryConfig.custom()
                .maxAttempts(Math.max(1, properties.retryAttempts()))
                .intervalFunction(IntervalFunction.ofExponentialRandomBackoff(properties.retryInitialBackoff(), 2.0, 0.5,
                        properties.retryMaxBackoff()))
                // an open circuit is not retried on the spot, nor a Retry-After longer than any back-off: the change
                // comes back when Google may answer again
                .retryOnException(error -> isTransient(error) && !(error instanceof CallNotPermittedException)
                        && !asksForLongerThan(error, longestBackOff, clock))
                .build());
        retry.getEventPublisher().onRetry(event -> meters.counter(RETRIES_METRIC).increment());
    }

    /**
     * One Calendar call as the subscriber under the given grant.
     *
     * @param method the Calendar method for metrics ({@code events.insert})
     */
    public <T> T execute(String subscriberId, UUID grantId, String method, RequestFactory<T> factory) throws IOException {
        try {
            return retry.executeCallable(() -> executeOnce(subscriberId, grantId, method, factory));
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * One Calendar call that must not be repeated blindly: a transient failure (a lost answer, a 5xx) may
     * have taken effect in Google, so it is thrown to the caller, who looks before trying again (a second
     * {@code calendars.insert} would create a second calendar). A {@code 401} still gets its one refresh:
     * Google did nothing with an unauthenticated call.
     */
    public <T> T executeWithoutRetry(String subscriberId, UUID grantId, String method, RequestFactory<T> factory)
            throws IOException {
        return executeOnce(subscriberId, grantId, method, factory);
    }

    private <T> T executeOnce(String subscriberId, UUID grantId, String method, RequestFactory<T> factory) throws IOException {
        AbstractGoogleClientRequest<T> request = factory.build(calendar);
        request.getRequestHeaders().setAuthorization("Bearer " + tokens.accessToken(subscriberId, grantId, false));
        try {
            return counted(subscriberId, method, request);
        } catch (GoogleJsonResponseException e) {
            if (e.getStatusCode() != 401) {
                throw e;
            }
            request.getRequestHeaders().setAuthorization("Bearer " + tokens.accessToken(subscriberId, grantId, true));
            return counted(subscriberId, method, request);
        }
    }

    private <T> T counted(String subscriberId, String method, AbstractGoogleClientRequest<T> request) throws IOException {
        pacing.beforeCall(subscriberId);
        try {
            T result = circuit.call(request::execute);
            meters.counter(CALLS_METRIC, "method", method, "outcome", "2xx").increment();
            return result;
        } catch (GoogleJsonResponseException e) {
            meters.counter(CALLS_METRIC, "method", method, "outcome", String.valueOf(e.getStatusCode())).increment();
            pacing.honour(subscriberId, e, reason(e));
            throw e;
        } catch (IOException e) {
            meters.counter(CALLS_METRIC, "method", method, "outcome", "io").increment();
            throw e;
        }
    }

    /** 429, 403 rate limits, 5xx, I/O, token-service not ready, and Google's circuit open: worth another attempt. */
    public static boolean isTransient(Throwable error) {
        if (error instanceof TransientGoogleException || error instanceof CallNotPermittedException) {
            return true;
        }
        if (error instanceof GoogleJsonResponseException google) {
            int status = google.getStatusCode();
            return status == 429 || status >= 500 || (status == 403 && RATE_LIMIT_REASONS.contains(reason(google)));
        }
        return error instanceof IOException;
    }

    private static boolean asksForLongerThan(Throwable error, Duration limit, Clock clock) {
        return error instanceof GoogleJsonResponseException google
                && RetryAfter.of(google, clock.instant()).filter(wait -> wait.compareTo(limit) > 0).isPresent();
    }

    /**
     * 403 {@code quotaExceeded} ("Calendar usage limits exceeded"): Google's abuse limit for the account, lasting
     * hours. Not retried on the spot and never read as "not ours" (no id is burned, no calendar recreated): the
     * subscriber is parked.
     */
    public static boolean isQuotaExceeded(Throwable error) {
        return error instanceof GoogleJsonResponseException google && google.getStatusCode() == 403
                && "quotaExceeded".equals(reason(google));
    }

    /** The first error reason of a Google error ({@code notFound}, {@code duplicate}), or null. */
    public static String reason(GoogleJsonResponseException error) {
        GoogleJsonError details = error.getDetails();
        if (details == null || details.getErrors() == null || details.getErrors().isEmpty()) {
            return null;
        }
        return details.getErrors().get(0).getReason();
    }
}
