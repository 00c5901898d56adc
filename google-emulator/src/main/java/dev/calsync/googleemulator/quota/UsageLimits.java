package dev.calsync.googleemulator.quota;

import dev.calsync.googleemulator.api.GoogleApiException;
import dev.calsync.googleemulator.config.EmulatorProperties;
import dev.calsync.googleemulator.state.Resettable;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Google's abuse limits ("Avoid Calendar use limits"): an account that creates too many calendars or
 * events in a short time is answered 403 quotaExceeded "Calendar usage limits exceeded." on every write
 * for hours. Thresholds, window and lockout are configurable so tests can reach them.
 */
@Component
public class UsageLimits implements Resettable {

    public enum Creation { CALENDAR, EVENT }

    private final Clock clock;
    private final EmulatorProperties properties;
    private final Map<String, SlidingWindow> calendars = new ConcurrentHashMap<>();
    private final Map<String, SlidingWindow> events = new ConcurrentHashMap<>();
    private final Map<String, Instant> lockedUntil = new ConcurrentHashMap<>();

    public UsageLimits(Clock clock, EmulatorProperties properties) {
        this.clock = clock;
        this.properties = properties;
    }

    /** Throws quotaExceeded while the account is locked out of writing. */
    public void checkWriteAllowed(String subject) {
        Instant until = lockedUntil.get(subject);
        if (until != null && clock.instant().isBefore(until)) {
            throw GoogleApiException.quotaExceeded();
        }
    }

    /** Counts a creation; the one that crosses the threshold is refused and locks the account. */
    public void recordCreation(String subject, Creation creation) {
        checkWriteAllowed(subject);
        EmulatorProperties.Quota quota = properties.quota();
        Map<String, SlidingWindow> windows = creation == Creation.CALENDAR ? calendars : events;
        int limit = creation == Creation.CALENDAR ? quota.calendarsCreatedPerWindow() : quota.eventsCreatedPerWindow();
        SlidingWindow window = windows.computeIfAbsent(subject, any -> new SlidingWindow(quota.creationWindow()));
        if (!window.tryAdmit(clock.instant(), 1, limit)) {
            lockedUntil.put(subject, clock.instant().plus(quota.usageLimitLockout()));
            throw GoogleApiException.quotaExceeded();
        }
    }

    @Override
    public void reset() {
        calendars.clear();
        events.clear();
        lockedUntil.clear();
    }
}
