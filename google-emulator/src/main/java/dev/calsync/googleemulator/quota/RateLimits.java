package dev.calsync.googleemulator.quota;

import dev.calsync.googleemulator.api.GoogleApiException;
import dev.calsync.googleemulator.config.EmulatorProperties;
import dev.calsync.googleemulator.state.Resettable;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Requests per user and per project over a sliding window (Calendar "Manage quotas": 600/user and
 * 10,000/project a minute; the window and limits are settings so tests can scale them down). The user limit answers 403 userRateLimitExceeded, the project limit
 * rateLimitExceeded with 429 (or 403 by switch; GOOGLE.md §8 says Google uses both).
 */
@Component
public class RateLimits implements Resettable {

    private final Clock clock;
    private final EmulatorProperties properties;
    private final Map<String, SlidingWindow> perUser = new ConcurrentHashMap<>();
    private volatile SlidingWindow project;

    public RateLimits(Clock clock, EmulatorProperties properties) {
        this.clock = clock;
        this.properties = properties;
        this.project = new SlidingWindow(properties.quota().window());
    }

    public void admit(String subject, int units) {
        EmulatorProperties.Quota quota = properties.quota();
        SlidingWindow user = perUser.computeIfAbsent(subject, any -> new SlidingWindow(quota.window()));
        if (!user.tryAdmit(clock.instant(), units, quota.perUserPerWindow())) {
            throw GoogleApiException.userRateLimitExceeded();
        }
        if (!project.tryAdmit(clock.instant(), units, quota.perProjectPerWindow())) {
            throw GoogleApiException.rateLimitExceeded(HttpStatus.valueOf(properties.switches().rateLimitStatus()));
        }
    }

    @Override
    public void reset() {
        perUser.clear();
        project = new SlidingWindow(properties.quota().window());
    }
}
