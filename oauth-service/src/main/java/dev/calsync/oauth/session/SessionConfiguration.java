package dev.calsync.oauth.session;

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
    public WebSessionManager webSessionManager(PostgresWebSessionStore store, ObjectProvider<WebSessionIdResolver> idResolver) {
        DefaultWebSessionManager manager = new DefaultWebSessionManager();
        manager.setSessionStore(store);
        manager.setSessionIdResolver(new FirstSessionIdResolver(idResolver.getIfAvailable(CookieWebSessionIdResolver::new)));
        return manager;
    }

    @Bean
    public ExpiredSessionSweeper expiredSessionSweeper(PostgresWebSessionStore store,
                                                       @Value("${calsync.session.sweep-interval:PT5M}") Duration interval) {
        return new ExpiredSessionSweeper(store, interval, interval);
    }
}
