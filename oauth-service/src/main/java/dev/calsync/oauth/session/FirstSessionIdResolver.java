package dev.calsync.oauth.session;

import java.util.List;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.session.WebSessionIdResolver;

/**
 * Hands {@link org.springframework.web.server.session.DefaultWebSessionManager} at most one session id: the
 * first {@code SESSION} cookie of the request. The cookie resolver returns every one, and the manager looks up
 * each in turn (a database query per id here), so a request carrying hundreds of them would otherwise cost
 * hundreds of queries. A browser sends the cookie once; a second one is never ours to honour.
 */
public final class FirstSessionIdResolver implements WebSessionIdResolver {

    private final WebSessionIdResolver cookies;

    public FirstSessionIdResolver(WebSessionIdResolver cookies) {
        this.cookies = cookies;
    }

    @Override
    public List<String> resolveSessionIds(ServerWebExchange exchange) {
        List<String> ids = cookies.resolveSessionIds(exchange);
        return ids.size() <= 1 ? ids : List.of(ids.get(0));
    }

    @Override
    public void setSessionId(ServerWebExchange exchange, String sessionId) {
        cookies.setSessionId(exchange, sessionId);
    }

    @Override
    public void expireSession(ServerWebExchange exchange) {
        cookies.expireSession(exchange);
    }
}
