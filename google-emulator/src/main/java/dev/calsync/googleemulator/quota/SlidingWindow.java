package dev.calsync.googleemulator.quota;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

/** Admissions within the last {@code window}: Google's quotas slide rather than reset each minute. */
final class SlidingWindow {

    private final Duration window;
    private final Deque<Instant> admitted = new ArrayDeque<>();

    SlidingWindow(Duration window) {
        this.window = window;
    }

    /** Admits {@code units} at {@code now} if the window has room for them; a refused call costs nothing. */
    synchronized boolean tryAdmit(Instant now, int units, int limit) {
        Instant horizon = now.minus(window);
        while (!admitted.isEmpty() && !admitted.peekFirst().isAfter(horizon)) {
            admitted.pollFirst();
        }
        if (admitted.size() + units > limit) {
            return false;
        }
        for (int i = 0; i < units; i++) {
            admitted.addLast(now);
        }
        return true;
    }
}
