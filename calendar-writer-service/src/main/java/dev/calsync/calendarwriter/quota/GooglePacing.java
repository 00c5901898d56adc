package dev.calsync.calendarwriter.quota;

import com.google.api.client.googleapis.json.GoogleJsonResponseException;
import dev.calsync.calendarwriter.config.WriterProperties;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.distributed.BucketProxy;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.InterruptedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.springframework.stereotype.Component;

/**
 * The writer's pace below Google's request quotas, so that the limits are a speed to run at and not a wall to run
 * into (Google throttles harder after repeated quota errors). Two token buckets stand before every Google call: the
 * Google user's ({@link UserBuckets}, in memory) and the project's ({@link ProjectBucket}, shared by every writer
 * instance through PostgreSQL). A lane asks {@link #untilNextCall} before it writes a change and, when the answer
 * is not zero, waits on its timer without holding a worker; each call then takes its tokens in
 * {@link #beforeCall}. A {@code Retry-After} from Google holds the Google user (a per-user limit) or every call of
 * this instance (anything else) for as long as it says.
 */
@Component
public class GooglePacing {

    public static final String WAITS_METRIC = "calsync.writer.google.quota.waits";
    public static final String HELD_TOKENS_METRIC = "calsync.writer.google.quota.project-tokens-held";

    private static final String USER_RATE_LIMIT = "userRateLimitExceeded";

    private final UserBuckets users;
    private final ProjectBucket project;
    private final Clock clock;
    private final MeterRegistry meters;
    private final Map<String, Instant> userHolds = new ConcurrentHashMap<>();
    private volatile Instant instanceHold = Instant.EPOCH;

    public GooglePacing(DataSource dataSource, WriterProperties properties, Clock clock, MeterRegistry meters) {
        WriterProperties.Quota quota = properties.quota();
        this.users = new UserBuckets(quota, TimeMeter.SYSTEM_NANOTIME);
        // the bucket's name carries its settings: instances started with other settings share a bucket of their own
        String name = "project/" + quota.perProject() + "-per-" + quota.window() + "/burst-" + quota.projectBurst();
        BucketProxy shared = Bucket4jPostgreSQL.selectForUpdateBasedBuilder(dataSource)
                .primaryKeyMapper(PrimaryKeyMapper.STRING)
                .table("google_quota_bucket")
                .build()
                .builder()
                .build(name, () -> ProjectBucket.configuration(quota.perProject(), quota.window(), quota.projectBurst()));
        this.project = new ProjectBucket(shared, quota.projectChunk());
        this.clock = clock;
        this.meters = meters;
        Gauge.builder(HELD_TOKENS_METRIC, project, ProjectBucket::held)
                .description("tokens of the project's Google quota this instance has taken and not spent yet")
                .register(meters);
    }

    /** How long a change of the subscriber should wait before it is written; zero when a call may be made now. */
    public Duration untilNextCall(String subscriberId) {
        Duration wait = max(held(subscriberId), max(users.untilAvailable(subscriberId), project.untilAvailable()));
        if (!wait.isZero()) {
            meters.counter(WAITS_METRIC).increment();
        }
        return wait;
    }

    /** Right before each Google call of the subscriber: takes one call of both quotas, waiting for them if needed. */
    public void beforeCall(String subscriberId) throws InterruptedIOException {
        try {
            Duration hold = held(subscriberId);
            if (!hold.isZero()) {
                Thread.sleep(hold.toMillis());
            }
            users.take(subscriberId);
            project.take();
        } catch (InterruptedException stopping) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for Google's quota");
        }
    }

    /**
     * Takes quota for up to {@code wanted} calls of the subscriber made together (a batch: Google counts each of its
     * calls), as many as both buckets have now; never waits.
     *
     * @return how many calls may be made now, from 0 to {@code wanted}
     */
    public int takeUpTo(String subscriberId, int wanted) {
        if (!held(subscriberId).isZero()) {
            return 0;
        }
        int user = users.takeUpTo(subscriberId, wanted);
        int both = user == 0 ? 0 : project.takeUpTo(user);
        users.giveBack(subscriberId, user - both);
        return both;
    }

    /**
     * Google's answer to a call of the subscriber: if it carries {@code Retry-After}, no call is made for that long,
     * by the subscriber ({@code userRateLimitExceeded}) or by this instance (any other answer).
     *
     * @param reason the answer's error reason
     * @return how long Google asked to wait, if it did
     */
    public Optional<Duration> honour(String subscriberId, GoogleJsonResponseException answer, String reason) {
        Optional<Duration> retryAfter = RetryAfter.of(answer, clock.instant());
        retryAfter.ifPresent(wait -> {
            Instant until = clock.instant().plus(wait);
            if (USER_RATE_LIMIT.equals(reason)) {
                userHolds.merge(subscriberId, until, (earlier, later) -> later.isAfter(earlier) ? later : earlier);
            } else if (until.isAfter(instanceHold)) {
                instanceHold = until;
            }
        });
        return retryAfter;
    }

    private Duration held(String subscriberId) {
        Instant now = clock.instant();
        Instant user = userHolds.get(subscriberId);
        if (user != null && !user.isAfter(now)) {
            userHolds.remove(subscriberId, user);
            user = null;
        }
        Instant until = user != null && user.isAfter(instanceHold) ? user : instanceHold;
        return until.isAfter(now) ? Duration.between(now, until) : Duration.ZERO;
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
