package dev.calsync.oauth.web;

import dev.calsync.oauth.connect.PublicAddress;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.security.web.server.csrf.CsrfWebFilter;
import org.springframework.security.web.server.util.matcher.AndServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.NegatedServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * CSRF protection for the page: a state-changing request to the page's endpoints is served only when its
 * {@code Origin} (or, absent, its {@code Referer}) is the page's own origin ({@link PublicAddress}); any other,
 * or neither, is answered 403. SameSite=Lax keeps the session cookie from other sites only; a page on another
 * origin of the same site (another port, a sibling subdomain) could otherwise post a form with it. Browsers set
 * {@code Origin} themselves on every POST, PUT, PATCH and DELETE, and no page can forge it, so the page's own
 * calls pass unchanged and need no token.
 *
 * <p>Checked: every method but GET, HEAD, TRACE and OPTIONS (Spring Security's own CSRF rule) under
 * {@code /api/}, so an endpoint added there later is covered without being listed. Not checked:
 * <ul>
 *   <li>the OAuth callback: a GET, Google's top-level redirect, protected by the signed state and the
 *       browser-bound pending sign-in instead;</li>
 *   <li>{@code /api/app/**} and {@code /api/desktop/**}: the native app's and the desktop client's doors are
 *       called by programs, not pages, send no {@code Origin}, and never act on a session cookie: each request
 *       proves itself with what it carries (a Google ID token and code, or a code with its PKCE verifier);</li>
 *   <li>outside {@code /api/} (actuator): no session-authenticated endpoint.</li>
 * </ul>
 */
public final class SameOriginFilter implements WebFilter {

    /** The page's state-changing requests; see the class comment for why the others are left out. */
    static final ServerWebExchangeMatcher PAGE_STATE_CHANGES = new AndServerWebExchangeMatcher(
            CsrfWebFilter.DEFAULT_CSRF_MATCHER,
            ServerWebExchangeMatchers.pathMatchers("/api/**"),
            new NegatedServerWebExchangeMatcher(ServerWebExchangeMatchers.pathMatchers("/api/app/**", "/api/desktop/**")));

    private static final byte[] REFUSAL = ("{\"error\":\"Refused: this request did not come from the calsync page itself. "
            + "Nothing changed; use the calsync page.\"}").getBytes(StandardCharsets.UTF_8);

    private final PublicAddress publicAddress;

    public SameOriginFilter(PublicAddress publicAddress) {
        this.publicAddress = publicAddress;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        return PAGE_STATE_CHANGES.matches(exchange)
                .flatMap(match -> !match.isMatch() || fromThePage(exchange.getRequest()) ? chain.filter(exchange) : refuse(exchange));
    }

    boolean fromThePage(ServerHttpRequest request) {
        HttpHeaders headers = request.getHeaders();
        String sender = headers.getOrigin() != null ? headers.getOrigin() : headers.getFirst(HttpHeaders.REFERER);
        Optional<String> senderOrigin = PublicAddress.originOf(sender);
        return senderOrigin.isPresent() && senderOrigin.get().equals(publicAddress.origin(request));
    }

    private static Mono<Void> refuse(ServerWebExchange exchange) {
        ServerHttpResponse response = exchange.getResponse();
        response.setStatusCode(HttpStatus.FORBIDDEN);
        response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
        response.getHeaders().setCacheControl("no-store");
        return response.writeWith(Mono.just(response.bufferFactory().wrap(REFUSAL)));
    }
}
