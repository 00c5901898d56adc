package dev.calsync.calendarwriter.google;

import com.google.api.client.googleapis.batch.BatchRequest;
import com.google.api.client.googleapis.batch.json.JsonBatchCallback;
import com.google.api.client.googleapis.json.GoogleJsonError;
import com.google.api.client.googleapis.json.GoogleJsonResponseException;
import com.google.api.client.googleapis.services.AbstractGoogleClientRequest;
import com.google.api.client.googleapis.services.json.AbstractGoogleJsonClientRequest;
import com.google.api.client.http.HttpHeaders;
import com.google.api.client.http.HttpResponseException;
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
import java.util.Arrays;
import java.util.List;
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

    /** One call that may go into a batch: its method's name (for metrics) and how it is built. */
    public record BatchCall<T>(String method, RequestFactory<T> factory) {
    }

    /** What became of one call of a batch. */
    public sealed interface PartResult {
        /** Google answered 2xx with this body (null for a delete). */
        record Answered(Object body) implements PartResult {
        }

        /** Google answered this error, as if the call had been made alone. */
        record Failed(GoogleJsonResponseException error) implements PartResult {
        }

        /** Not sent: the quota had no room for it now. */
        record NotSent() implements PartResult {
        }
    }

    public static final String BATCH_SIZE_METRIC = "calsync.writer.google.batch.size";

    private final Calendar calendar;
    private final TokenServiceClient tokens;
    private final MeterRegistry meters;
    private final Retry retry;
    private final GoogleCircuit circuit;
    private final GooglePacing pacing;
    private final int connectTimeoutMillis;
    private final int readTimeoutMillis;

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
        this.connectTimeoutMillis = (int) properties.googleConnectTimeout().toMillis();
        this.readTimeoutMillis = (int) properties.googleReadTimeout().toMillis();
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

    /**
     * Several independent calls as the subscriber under one grant, in one request to Google's batch endpoint (each
     * counts as one call against the quotas, as Google counts them). As many as the quotas have room for now are
     * sent, in order; the rest come back {@link PartResult.NotSent}. Each part's answer is its own: nothing is
     * retried here (a part that failed is retried with its change, alone). The calls must not depend on each other:
     * Google runs a batch's parts in any order.
     *
     * @throws IOException the batch itself got no answer (every part's fate is unknown: each change tries again)
     */
    public List<PartResult> executeBatch(String subscriberId, UUID grantId, List<BatchCall<?>> calls) throws IOException {
        PartResult[] results = new PartResult[calls.size()];
        Arrays.fill(results, new PartResult.NotSent());
        int allowed = pacing.takeUpTo(subscriberId, calls.size());
        if (allowed == 0) {
            return List.of(results);
        }
        String authorization = "Bearer " + tokens.accessToken(subscriberId, grantId, false);
        if (allowed == 1) {
            // room for one call only (a steady backlog at the per-user quota): a batch envelope would only add weight
            results[0] = alone(subscriberId, calls.get(0), authorization);
            return List.of(results);
        }
        BatchRequest batch = calendar.batch(request -> {
            request.setConnectTimeout(connectTimeoutMillis);
            request.setReadTimeout(readTimeoutMillis);
            request.getHeaders().setAuthorization(authorization);
        });
        for (int i = 0; i < allowed; i++) {
            queue(batch, subscriberId, calls.get(i), authorization, results, i);
        }
        meters.summary(BATCH_SIZE_METRIC).record(allowed);
        try {
            circuit.call(() -> {
                batch.execute();
                return null;
            });
        } catch (IOException | RuntimeException e) {
            meters.counter(CALLS_METRIC, "method", "batch", "outcome", "io").increment();
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return List.of(results);
    }

    private <T> PartResult alone(String subscriberId, BatchCall<T> call, String authorization) throws IOException {
        AbstractGoogleClientRequest<T> request = call.factory().build(calendar);
        request.getRequestHeaders().setAuthorization(authorization);
        try {
            return new PartResult.Answered(paid(subscriberId, call.method(), request));
        } catch (GoogleJsonResponseException e) {
            return new PartResult.Failed(e);
        }
    }

    private <T> void queue(BatchRequest batch, String subscriberId, BatchCall<T> call, String authorization, PartResult[] results,
                           int index)
            throws IOException {
        AbstractGoogleClientRequest<T> request = call.factory().build(calendar);
        request.getRequestHeaders().setAuthorization(authorization);
        ((AbstractGoogleJsonClientRequest<T>) request).queue(batch, new JsonBatchCallback<T>() {
            @Override
            public void onSuccess(T body, HttpHeaders headers) {
                meters.counter(CALLS_METRIC, "method", call.method(), "outcome", "2xx").increment();
                results[index] = new PartResult.Answered(body);
            }

            @Override
            public void onFailure(GoogleJsonError error, HttpHeaders headers) {
                meters.counter(CALLS_METRIC, "method", call.method(), "outcome", String.valueOf(error.getCode())).increment();
                GoogleJsonResponseException answer = new GoogleJsonResponseException(
                        new HttpResponseException.Builder(error.getCode(), error.getMessage(), headers), error);
                pacing.honour(subscriberId, answer, reason(answer));
                results[index] = new PartResult.Failed(answer);
            }
        });
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
        return paid(subscriberId, method, request);
    }

    /** One call whose quota has been taken. */
    private <T> T paid(String subscriberId, String method, AbstractGoogleClientRequest<T> request) throws IOException {
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
