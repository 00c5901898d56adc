package dev.calsync.oauth.connect;

import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.web.server.WebFilterExchange;
import org.springframework.security.web.server.authentication.ServerAuthenticationFailureHandler;
import reactor.core.publisher.Mono;

/** Ends a failed connect on a page that says what happened and what to do; nothing was stored. */
public class ConnectErrorPage implements ServerAuthenticationFailureHandler {

    /** Spring Security's error code for an ID token that failed validation (signature, issuer, audience, expiry, nonce). */
    static final String INVALID_ID_TOKEN = "invalid_id_token";

    record Message(String title, String explanation) {
    }

    static Message messageFor(String code) {
        return switch (code) {
            case "access_denied" -> new Message("You cancelled the connection",
                    "You chose Cancel on Google's consent screen, so nothing was connected. Connect again whenever you are ready.");
            case PendingSignIns.EXPIRED_STATE -> new Message("This sign-in expired",
                    "More than 10 minutes passed since you started, or the sign-in was interrupted. Nothing was connected. Please start again.");
            case PendingSignIns.REPLAYED_STATE -> new Message("This sign-in was already used",
                    "Each sign-in link works once (perhaps you reloaded the page or used Back). Nothing new was connected. Please start again.");
            case PendingSignIns.INVALID_STATE, PendingSignIns.OTHER_BROWSER, "authorization_request_not_found" ->
                    new Message("This sign-in could not be verified",
                            "The answer from Google did not match a sign-in started in this browser (it was altered, or started elsewhere). Nothing was connected. Please start again from this page.");
            case CallbackConverter.NO_CODE -> new Message("Google's answer was incomplete",
                    "The answer from Google carried no authorization code, so nothing was connected. Please start again from this page.");
            case INVALID_ID_TOKEN, "invalid_nonce" -> new Message("Google's answer could not be confirmed",
                    "The identity Google sent back did not pass calsync's checks (another issuer, another app, or expired), "
                            + "so nothing was connected. Please start again; if it happens again, the service's Google settings need attention.");
            case GrantRecordingAuthenticationManager.NO_REFRESH_TOKEN -> new Message("Google did not grant offline access",
                    "calsync needs to sync while you are away, but Google returned no long-lived permission. Nothing was connected. "
                            + "Remove calsync at https://myaccount.google.com/permissions and connect again.");
            default -> new Message("Google did not complete the connection",
                    "Exchanging Google's answer failed, so nothing was connected. Please try again in a moment.");
        };
    }

    @Override
    public Mono<Void> onAuthenticationFailure(WebFilterExchange webFilterExchange, AuthenticationException exception) {
        String code = exception instanceof OAuth2AuthenticationException oauth ? oauth.getError().getErrorCode() : "unknown";
        Message message = messageFor(code);
        ServerHttpResponse response = webFilterExchange.getExchange().getResponse();
        response.setStatusCode("access_denied".equals(code) ? HttpStatus.OK : HttpStatus.BAD_REQUEST);
        response.getHeaders().setContentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8));
        response.getHeaders().setCacheControl("no-store");
        String html = """
                <!doctype html>
                <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
                <title>calsync: %1$s</title></head>
                <body><main>
                <h1 id="error-title">%1$s</h1>
                <p id="error-explanation">%2$s</p>
                <p data-error-code="%3$s"><a href="/">Back to calsync</a></p>
                </main></body></html>
                """.formatted(message.title(), message.explanation(), code.replaceAll("[^a-z_]", ""));
        return response.writeWith(Mono.just(response.bufferFactory().wrap(html.getBytes(StandardCharsets.UTF_8))));
    }
}
