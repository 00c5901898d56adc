package dev.calsync.oauth.session;

import dev.calsync.oauth.connect.PublicAddress;
import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.web.ServerProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.web.server.adapter.WebHttpHandlerBuilder;
import org.springframework.web.server.session.CookieWebSessionIdResolver;
import org.springframework.web.server.session.DefaultWebSessionManager;
import org.springframework.web.server.session.WebSessionIdResolver;
import org.springframework.web.server.session.WebSessionManager;

/**
 * Web sessions in PostgreSQL: WebFlux's session manager, as Spring Boot would build it (its cookie resolver,
 * {@code server.reactive.session.timeout}), with {@link PostgresWebSessionStore} instead of memory and only the
 * first session cookie of a request looked up ({@link FirstSessionIdResolver}).
 */
@Configuration(proxyBeanMethods = false)
public class SessionConfiguration {

    @Bean
    public PostgresWebSessionStore webSessionStore(DatabaseClient db, Clock clock, ServerProperties server) {
        return new PostgresWebSessionStore(db, clock, server.getReactive().getSession().getTimeout());
    }

    /** Replaces Boot's in-memory one, which backs off when a bean of this name exists. */
    @Bean(WebHttpHandlerBuilder.WEB_SESSION_MANAGER_BEAN_NAME)
    public WebSessionManager webSessionManager(PostgresWebSessionStore store, ObjectProvider<WebSessionIdResolver> idResolver,
                                               PublicAddress publicAddress) {
        DefaultWebSessionManager manager = new DefaultWebSessionManager();
        manager.setSessionStore(store);
        manager.setSessionIdResolver(new FirstSessionIdResolver(idResolver.getIfAvailable(() -> sessionCookie(publicAddress))));
        return manager;
    }

    /**
     * WebFlux's {@code SESSION} cookie (HttpOnly, SameSite=Lax, Secure when the request came over https), and
     * Secure on every request when the public address is https: behind a proxy that ends TLS, requests reach
     * the service over plain http, and the cookie would otherwise go out without it.
     */
    static CookieWebSessionIdResolver sessionCookie(PublicAddress publicAddress) {
        CookieWebSessionIdResolver cookies = new CookieWebSessionIdResolver();
        if (publicAddress.alwaysHttps()) {
            cookies.addCookieInitializer(cookie -> cookie.secure(true));
        }
        return cookies;
    }

    @Bean
    public ExpiredSessionSweeper expiredSessionSweeper(PostgresWebSessionStore store,
                                                       @Value("${calsync.session.sweep-interval:PT5M}") Duration interval) {
        return new ExpiredSessionSweeper(store, interval, interval);
    }
}
