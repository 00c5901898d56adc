package dev.calsync.calendarwriter.park;

import dev.calsync.calendarwriter.config.WriterProperties;
import dev.calsync.calendarwriter.map.CalendarMap;
import dev.calsync.calendarwriter.status.WriteRuns;
import dev.calsync.contracts.event.ChangeType;
import dev.calsync.contracts.event.EventChanged;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Parking: Google's {@code 403 quotaExceeded} ("Calendar usage limits exceeded") lasts hours for the account, so
 * retrying would only hold back the subscriber's partition and annoy Google. The subscriber is parked for
 * {@code calsync.writer.park-duration}: its changes are acknowledged and not written, each of its feeds says so on
 * its status, and when the park ends {@link ParkSweeper} resyncs every feed, which brings back whatever arrived
 * meanwhile, deletions included. A feed's removal, the person's own act, ends the park at once: it is tried
 * right away and the resync follows; should Google still refuse, the person is parked again and the removal is
 * kept for that park's end (a resync cannot bring it back: feed-ingest has forgotten the feed).
 */
@Component
public class Parking {

    public static final String PARKED_METRIC = "calsync.writer.parked";

    private static final Logger log = LoggerFactory.getLogger(Parking.class);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private final SubscriberParks parks;
    private final CalendarMap calendars;
    private final WriteRuns runs;
    private final MeterRegistry meters;
    private final Clock clock;
    private final Duration duration;

    public Parking(SubscriberParks parks, CalendarMap calendars, WriteRuns runs, MeterRegistry meters, Clock clock,
                   WriterProperties properties) {
        this.parks = parks;
        this.calendars = calendars;
        this.runs = runs;
        this.meters = meters;
        this.clock = clock;
        this.duration = properties.parkDuration();
    }

    /**
     * Takes the change aside, unwritten, if its subscriber is parked; a feed's removal ends the park instead.
     *
     * @return whether the change was taken aside
     */
    public boolean takeIfParked(EventChanged change) {
        if (!parks.inForce(change.subscriberId(), clock.instant())) {
            return false;
        }
        if (change.changeType() == ChangeType.FEED_REMOVED) {
            parks.endNow(change.subscriberId(), clock.instant());
            log.info("subscriber {} removed a feed: its park ends now", change.subscriberId());
            return false;
        }
        meters.counter(PARKED_METRIC, "what", "change").increment();
        return true;
    }

    /**
     * Google refused the change's subscriber with its usage limit: the subscriber is parked (unless it is already,
     * a replay or another instance), the change with it, and each of its feeds says until when.
     */
    public void park(EventChanged change) {
        Instant now = clock.instant();
        String reason = "Google stopped accepting changes for this Google account for now (Calendar usage limits exceeded)";
        Instant until = now.plus(duration).truncatedTo(ChronoUnit.SECONDS);
        boolean parked = parks.park(change.subscriberId(), now, until, reason);
        meters.counter(PARKED_METRIC, "what", "change").increment();
        if (change.changeType() == ChangeType.FEED_REMOVED) {
            parks.holdRemoval(change);
        }
        if (!parked) {
            return;
        }
        meters.counter(PARKED_METRIC, "what", "subscriber").increment();
        log.warn("subscriber {} parked until {}: Google answered 403 quotaExceeded", change.subscriberId(), until);
        Set<String> feeds = new LinkedHashSet<>(calendars.feedsOf(change.subscriberId()));
        feeds.add(change.feedId());
        String said = reason + ". calsync writes nothing for it until " + TIME.format(until)
                + ", then syncs every feed again.";
        feeds.forEach(feed -> runs.paused(change.subscriberId(), feed, said));
    }
}
