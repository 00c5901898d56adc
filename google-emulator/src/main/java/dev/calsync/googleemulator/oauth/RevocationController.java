package dev.calsync.googleemulator.oauth;

import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * {@code oauth2.googleapis.com/revoke} (legacy {@code accounts.google.com/o/oauth2/revoke}): {@code token=}
 * in the form or the query, an access or a refresh token. Revoking either ends the account's whole grant
 * to that client, every token of it ("Using OAuth 2.0 for Web Server Applications", revoking a token;
 * GOOGLE.md §9). No client authentication, as at Google.
 */
@RestController
public class RevocationController {

    private final GrantStore grants;

    public RevocationController(GrantStore grants) {
        this.grants = grants;
    }

    @RequestMapping(path = {"/revoke", "/o/oauth2/revoke"}, method = {RequestMethod.POST, RequestMethod.GET})
    public Mono<ResponseEntity<Map<String, String>>> revoke(ServerWebExchange exchange) {
        return exchange.getFormData().map(form -> {
            String token = form.getFirst("token");
            if (token == null || token.isEmpty()) {
                token = exchange.getRequest().getQueryParams().getFirst("token");
            }
            if (token == null || token.isEmpty()) {
                throw OAuthException.missingParameter("token");
            }
            if (!grants.revoke(token)) {
                // ⚠️ the body is unverified (GOOGLE.md §9); the 400 is documented
                throw new OAuthException(HttpStatus.BAD_REQUEST, "invalid_token", "Token expired or revoked");
            }
            return ResponseEntity.ok().contentType(OAuthExceptionHandler.JSON_UTF8).body(Map.of());
        });
    }
}
