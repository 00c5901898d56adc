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
 * delete of rows another instance deleted first is simply empty. A pass that fails or takes longer than its
 * timeout is logged and the schedule goes on; ticks that come while a pass runs are dropped.
 */
public class ExpiredSessionSweeper implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ExpiredSessionSweeper.class);

    private final PostgresWebSessionStore store;
    private final Duration interval;
    private final Duration timeout;
    private volatile Disposable sweeping;

    /** @param timeout how long one pass may take before it is abandoned (a hung connection) and the next one waits its turn */
    public ExpiredSessionSweeper(PostgresWebSessionStore store, Duration interval, Duration timeout) {
        this.store = store;
        this.interval = interval;
        this.timeout = timeout;
    }

    @Override
    public synchronized void start() {
        if (sweeping == null) {
            sweeping = schedule();
        }
    }

    private Disposable schedule() {
        return Flux.interval(interval, interval)
                // Flux.interval fails with an overflow when a tick finds the previous pass still running; a tick
                // that comes while one runs is skipped instead
                .onBackpressureDrop()
                // a failed or hung pass (database away) is logged and the next one tries again
                .concatMap(tick -> Mono.defer(store::deleteExpired).timeout(timeout).onErrorResume(e -> {
                    log.warn("deleting expired web sessions failed: {}", e.toString());
                    return Mono.empty();
                }), 0)
                .subscribe(deleted -> log.debug("deleted {} expired web sessions", deleted), this::restart);
    }

    /** Never expected (each pass's errors are handled above): logged, and the schedule starts over. */
    private synchronized void restart(Throwable e) {
        log.error("the expired web session sweeper failed and starts over: {}", e.toString());
        if (sweeping != null) {
            sweeping = schedule();
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
