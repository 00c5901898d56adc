package dev.calsync.oauth.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

/** The sweeper keeps its schedule whatever a pass does: fail, hang, or throw before it even starts. */
class ExpiredSessionSweeperTest {

    /** A store whose passes misbehave in turn: hang, fail, throw, then succeed from then on. */
    private static final class MisbehavingStore extends PostgresWebSessionStore {

        final AtomicInteger passes = new AtomicInteger();
        final AtomicInteger succeeded = new AtomicInteger();

        MisbehavingStore() {
            super(null, Clock.systemUTC(), Duration.ofMinutes(30));
        }

        @Override
        public Mono<Long> deleteExpired() {
            return switch (passes.incrementAndGet()) {
                case 1 -> Mono.never();
                case 2 -> Mono.error(new IllegalStateException("database away"));
                case 3 -> throw new IllegalStateException("no connection to start with");
                default -> Mono.fromSupplier(() -> (long) succeeded.incrementAndGet());
            };
        }
    }

    @Test
    void aHungFailedOrThrowingPassIsLoggedAndTheNextOnesStillRun() throws InterruptedException {
        MisbehavingStore store = new MisbehavingStore();
        ExpiredSessionSweeper sweeper = new ExpiredSessionSweeper(store, Duration.ofMillis(20), Duration.ofMillis(100));
        sweeper.start();
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> store.succeeded.get() >= 3);
            assertThat(store.succeeded).as("passes after a hung, a failed and a throwing one").hasValueGreaterThanOrEqualTo(3);
            assertThat(sweeper.isRunning()).isTrue();
        } finally {
            sweeper.stop();
        }
    }
}
