package dev.calsync.googleemulator.quota;

import dev.calsync.googleemulator.api.GoogleApiException;
import dev.calsync.googleemulator.config.EmulatorProperties;
import dev.calsync.googleemulator.state.Resettable;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Requests per minute per user and per project over a sliding window (Calendar "Manage quotas":
 * 600/user, 10,000/project). The user limit answers 403 userRateLimitExceeded, the project limit
 * rateLimitExceeded with 429 (or 403 by switch; GOOGLE.md §8 says Google uses both).
 */
@Component
public class RateLimits implements Resettable {

    private static final Duration MINUTE = Duration.ofMinutes(1);

    private final Clock clock;
    private final EmulatorProperties properties;
    private final Map<String, SlidingWindow> perUser = new ConcurrentHashMap<>();
    private volatile SlidingWindow project = new SlidingWindow(MINUTE);

    public RateLimits(Clock clock, EmulatorProperties properties) {
        this.clock = clock;
        this.properties = properties;
    }

    public void admit(String subject, int units) {
        EmulatorProperties.Quota quota = properties.quota();
        SlidingWindow user = perUser.computeIfAbsent(subject, any -> new SlidingWindow(MINUTE));
        if (!user.tryAdmit(clock.instant(), units, quota.perUserPerMinute())) {
            throw GoogleApiException.userRateLimitExceeded();
        }
        if (!project.tryAdmit(clock.instant(), units, quota.perProjectPerMinute())) {
            throw GoogleApiException.rateLimitExceeded(HttpStatus.valueOf(properties.switches().rateLimitStatus()));
        }
    }

    @Override
    public void reset() {
        perUser.clear();
        project = new SlidingWindow(MINUTE);
    }
}
