package dev.calsync.support.servicecredential;

import dev.calsync.secrets.SecretName;
import dev.calsync.secrets.SecretStore;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.function.Predicate;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Callers of a service's internal API (the path prefixes in {@code calsync.service-credential.paths}) present
 * the service credential from the secrets folder as {@code Authorization: Bearer <credential>}; anything else
 * is a 401. Both sides are hashed before a constant-time comparison, so neither the content nor the length of
 * the credential leaks through timing. Runs first, so nothing behind it (rate limits included) ever sees a
 * request without the credential. A service that names no paths has no internal API: every request passes,
 * and the credential is not even read. The management port has its own instance, which guards the state-changing
 * Actuator operations ({@link ManagementServiceCredentialConfiguration}).
 */
public class ServiceCredentialFilter implements WebFilter, Ordered {

    private static final String BEARER = "Bearer ";
    private static final byte[] UNAUTHORIZED_BODY =
            "{\"error\":\"unauthorized\",\"message\":\"present the service credential as Authorization: Bearer\"}"
                    .getBytes(StandardCharsets.UTF_8);

    private final Predicate<ServerHttpRequest> needsCredential;
    private final byte[] expectedDigest;

    public ServiceCredentialFilter(ServiceCredentialProperties properties, SecretStore secrets) {
        this(request -> startsWithAny(request, properties.paths()),
                properties.paths().isEmpty() ? null : secrets.read(SecretName.SERVICE_CREDENTIAL));
    }

    /** {@code credential} may be null only if {@code needsCredential} never holds. */
    public ServiceCredentialFilter(Predicate<ServerHttpRequest> needsCredential, String credential) {
        this.needsCredential = needsCredential;
        this.expectedDigest = credential == null ? null : sha256(credential);
    }

    private static boolean startsWithAny(ServerHttpRequest request, List<String> prefixes) {
        String path = request.getPath().pathWithinApplication().value();
        return prefixes.stream().anyMatch(path::startsWith);
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (!needsCredential.test(exchange.getRequest())) {
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
