package dev.calsync.oauth.session;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Deletes expired web sessions every {@code interval} while the service runs. Every instance sweeps; a
 * delete of rows another instance deleted first is simply empty.
 */
public class ExpiredSessionSweeper implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ExpiredSessionSweeper.class);

    private final PostgresWebSessionStore store;
    private final Duration interval;
    private volatile Disposable sweeping;

    public ExpiredSessionSweeper(PostgresWebSessionStore store, Duration interval) {
        this.store = store;
        this.interval = interval;
    }

    @Override
    public synchronized void start() {
        if (sweeping == null) {
            sweeping = Flux.interval(interval, interval)
                    // a failed pass (database away) is logged and the next one tries again
                    .concatMap(tick -> store.deleteExpired().onErrorResume(e -> {
                        log.warn("deleting expired web sessions failed: {}", e.toString());
                        return Mono.empty();
                    }))
                    .subscribe(deleted -> log.debug("deleted {} expired web sessions", deleted));
        }
    }

    @Override
    public synchronized void stop() {
        if (sweeping != null) {
            sweeping.dispose();
            sweeping = null;
        }
    }

    @Override
    public boolean isRunning() {
        return sweeping != null;
    }
}
