package dev.calsync.token.google;

import com.google.api.client.auth.oauth2.TokenResponseException;
import com.google.api.client.googleapis.auth.oauth2.GoogleRefreshTokenRequest;
import com.google.api.client.googleapis.auth.oauth2.GoogleTokenResponse;
import com.google.api.client.http.HttpRequest;
import com.google.api.client.http.HttpResponse;
import com.google.api.client.http.HttpTransport;
import com.google.api.client.http.UrlEncodedContent;
import com.google.api.client.json.GenericJson;
import com.google.api.client.json.JsonObjectParser;
import com.google.api.client.json.gson.GsonFactory;
import dev.calsync.secrets.GoogleOAuthClients;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.retry.Retry;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The only caller of Google's token and revoke endpoints. Blocking (Google's client library): callers run
 * it on a thread that may block, never on an event loop. 5xx answers, timeouts and dropped connections are
 * retried with back-off and feed a circuit breaker; what Google says about the grant itself is not retried.
 * No exception thrown from here carries a token or a response body: only statuses and Google's error codes.
 */
public class GoogleTokenClient {

    /** What a revoke found at Google. */
    public enum RevokeOutcome {
        REVOKED,
        /** Google no longer knows the token: the grant was already gone, which is what a revoke wants. */
        ALREADY_GONE
    }

    private static final GsonFactory JSON = GsonFactory.getDefaultInstance();

    private final HttpTransport transport;
    private final GoogleOAuthEndpoints endpoints;
    private final GoogleTokenProperties timeouts;
    private final Retry retry;
    private final CircuitBreaker circuitBreaker;

    public GoogleTokenClient(HttpTransport transport, GoogleOAuthEndpoints endpoints, GoogleTokenProperties timeouts,
                             Retry retry, CircuitBreaker circuitBreaker) {
        this.transport = transport;
        this.endpoints = endpoints;
        this.timeouts = timeouts;
        this.retry = retry;
        this.circuitBreaker = circuitBreaker;
    }

    /** A new access token for the grant, refreshed with the credentials of the OAuth client the grant belongs to. */
    public RefreshedAccessToken refresh(GoogleOAuthClients.Client client, String refreshToken) {
        return resilient(() -> refreshOnce(client, refreshToken));
    }

    /** Ends the whole grant (account + client) at Google. */
    public RevokeOutcome revoke(String refreshToken) {
        return resilient(() -> revokeOnce(refreshToken));
    }

    private <T> T resilient(Supplier<T> call) {
        try {
            return Retry.decorateSupplier(retry, CircuitBreaker.decorateSupplier(circuitBreaker, call)).get();
        } catch (CallNotPermittedException open) {
            throw new GoogleUnavailableException("Google's OAuth endpoints failed repeatedly; the circuit breaker is open");
        }
    }

    private RefreshedAccessToken refreshOnce(GoogleOAuthClients.Client client, String refreshToken) {
        GoogleRefreshTokenRequest request = new GoogleRefreshTokenRequest(transport, JSON, refreshToken,
                client.clientId(), client.clientSecret() == null ? "" : client.clientSecret());
        request.setTokenServerUrl(endpoints.get().token());
        request.setRequestInitializer(this::withTimeouts);
        try {
            GoogleTokenResponse response = request.execute();
            Long expiresIn = response.getExpiresInSeconds();
            if (response.getAccessToken() == null || expiresIn == null) {
                throw new GoogleRefusedException("Google's token endpoint answered a refresh without access_token or expires_in");
            }
            return new RefreshedAccessToken(response.getAccessToken(), Duration.ofSeconds(expiresIn));
        } catch (TokenResponseException refused) {
            String error = refused.getDetails() == null ? null : refused.getDetails().getError();
            int status = refused.getStatusCode();
            if ("invalid_grant".equals(error)) {
                throw new InvalidGrantException("Google answered invalid_grant to the refresh (HTTP " + status + ")");
            }
            throw failure("refresh", status, error);
        } catch (IOException unreachable) {
            throw new GoogleUnavailableException("Google's token endpoint did not answer: " + unreachable.getClass().getSimpleName());
        }
    }

    private RevokeOutcome revokeOnce(String refreshToken) {
        try {
            HttpRequest request = transport.createRequestFactory(this::withTimeouts)
                    .buildPostRequest(endpoints.get().revocation(), new UrlEncodedContent(Map.of("token", refreshToken)));
            request.setThrowExceptionOnExecuteError(false);
            request.setParser(new JsonObjectParser(JSON));
            HttpResponse response = request.execute();
            try {
                int status = response.getStatusCode();
                if (status == 200) {
                    return RevokeOutcome.REVOKED;
                }
                String error = errorCode(response);
                if (status == 400 && ("invalid_token".equals(error) || "invalid_grant".equals(error))) {
                    return RevokeOutcome.ALREADY_GONE;
                }
                throw failure("revoke", status, error);
            } finally {
                response.disconnect();
            }
        } catch (IOException unreachable) {
            throw new GoogleUnavailableException("Google's revoke endpoint did not answer: " + unreachable.getClass().getSimpleName());
        }
    }

    private static String errorCode(HttpResponse response) {
        try {
            Object error = response.parseAs(GenericJson.class).get("error");
            return error instanceof String code ? code : null;
        } catch (IOException | IllegalArgumentException unreadable) {
            return null;
        }
    }

    private static RuntimeException failure(String call, int status, String error) {
        String what = "Google answered HTTP " + status + (error == null ? "" : " " + error) + " to a " + call;
        return status >= 500 || status == 429 ? new GoogleUnavailableException(what) : new GoogleRefusedException(what);
    }

    private void withTimeouts(HttpRequest request) {
        request.setConnectTimeout((int) timeouts.connectTimeout().toMillis());
        request.setReadTimeout((int) timeouts.readTimeout().toMillis());
        // retries are Resilience4j's, with back-off and a circuit breaker; the library's own would hide them
        request.setNumberOfRetries(0);
    }
}
