package dev.calsync.token.web;

import dev.calsync.secrets.SecretName;
import dev.calsync.secrets.SecretStore;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Callers of {@code /internal/**} present the service credential from the secrets folder as
 * {@code Authorization: Bearer <credential>}; anything else is a 401. Both sides are hashed before a
 * constant-time comparison, so neither the content nor the length of the credential leaks through timing.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class ServiceCredentialFilter implements WebFilter {

    private static final String PROTECTED = "/internal/";
    private static final String BEARER = "Bearer ";
    private static final byte[] UNAUTHORIZED_BODY =
            "{\"error\":\"unauthorized\",\"message\":\"present the service credential as Authorization: Bearer\"}"
                    .getBytes(StandardCharsets.UTF_8);

    private final byte[] expectedDigest;

    public ServiceCredentialFilter(SecretStore secrets) {
        this.expectedDigest = sha256(secrets.read(SecretName.SERVICE_CREDENTIAL));
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (!exchange.getRequest().getPath().pathWithinApplication().value().startsWith(PROTECTED)) {
            return chain.filter(exchange);
        }
        String authorization = exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
        String presented = authorization != null && authorization.startsWith(BEARER) ? authorization.substring(BEARER.length()) : "";
        if (MessageDigest.isEqual(sha256(presented), expectedDigest)) {
            return chain.filter(exchange);
        }
        var response = exchange.getResponse();
        response.setStatusCode(HttpStatus.UNAUTHORIZED);
        response.getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        // the request body is left unread: close the connection rather than hand it back to the caller's pool
        response.getHeaders().set(HttpHeaders.CONNECTION, "close");
        response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
        return response.writeWith(Mono.just(response.bufferFactory().wrap(UNAUTHORIZED_BODY)));
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
