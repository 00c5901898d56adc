package dev.calsync.googleemulator.fault;

/**
 * One injected misbehaviour of an endpoint.
 *
 * @param endpoint   a Calendar method ({@code events.insert}), {@code oauth.token}, {@code oauth.revoke},
 *                   or {@code *} for every endpoint
 * @param status     the HTTP status to answer (0 = answer normally, e.g. latency only)
 * @param reason     the Google error reason; null = the usual one for that status
 * @param times      fail the next N matching calls (0 = use {@code rate} instead)
 * @param rate       share of matching calls that fail, 0..1
 * @param latencyMs  delay added before the call is handled (or fails)
 * @param reset      drop the connection instead of answering
 * @param holdResponseMs delay added after the call took effect, before its answer is sent; like
 *                   {@code latencyMs} it applies to every matching call while armed (a call a fault fails is
 *                   answered without it). A client that gives up or dies in this window has changed Google
 *                   without knowing it: what a crash between Google's answer and the caller's commit looks like.
 * @param retryAfterSeconds a failure's {@code Retry-After} header, in seconds (0 = none): what Google's front end
 *                   may add to a 429 or 503, and what a client must honour
 */
public record Fault(String endpoint, int status, String reason, int times, double rate, long latencyMs, boolean reset,
                    long holdResponseMs, long retryAfterSeconds) {

    public Fault {
        if (endpoint == null || endpoint.isBlank()) {
            throw new IllegalArgumentException("a fault needs an endpoint (a Calendar method such as events.insert, oauth.token, or *)");
        }
        if (rate < 0 || rate > 1) {
            throw new IllegalArgumentException("rate must be between 0 and 1");
        }
        if (times < 0 || latencyMs < 0 || holdResponseMs < 0 || retryAfterSeconds < 0) {
            throw new IllegalArgumentException("times, latencyMs, holdResponseMs and retryAfterSeconds must not be negative");
        }
    }

    boolean matches(String calledEndpoint) {
        return endpoint.equals("*") || endpoint.equals(calledEndpoint);
    }
}
