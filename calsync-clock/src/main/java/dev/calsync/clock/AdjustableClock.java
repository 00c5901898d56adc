package dev.calsync.clock;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Real time plus an offset. Every service takes time from one of these so that a test can move time
 * forward (expire tokens, make feeds due) even when the services run as separate processes. The offset
 * is shared by every {@link #withZone zoned view}, so moving it moves all of them.
 */
public final class AdjustableClock extends Clock {

    private final Clock base;
    private final AtomicReference<Duration> offset;

    public AdjustableClock(Clock base) {
        this(base, new AtomicReference<>(Duration.ZERO));
    }

    private AdjustableClock(Clock base, AtomicReference<Duration> offset) {
        this.base = base;
        this.offset = offset;
    }

    public Duration offset() {
        return offset.get();
    }

    public void setOffset(Duration newOffset) {
        offset.set(newOffset);
    }

    public Duration advance(Duration by) {
        if (by.isNegative()) {
            // time only moves forward: expiry logic everywhere assumes it
            throw new IllegalArgumentException("the clock cannot move backwards (advance by " + by + ")");
        }
        return offset.accumulateAndGet(by, Duration::plus);
    }

    @Override
    public Instant instant() {
        return base.instant().plus(offset.get());
    }

    @Override
    public ZoneId getZone() {
        return base.getZone();
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return new AdjustableClock(base.withZone(zone), offset);
    }
}
