package dev.calsync.support.clock;

import dev.calsync.clock.AdjustableClock;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;

/**
 * {@code /actuator/clock}: lets a test read the service's time and move it forward. Exists only when
 * {@code calsync.clock.adjustable=true}; production never sets it.
 */
@Endpoint(id = "clock")
public class ClockEndpoint {

    private final AdjustableClock clock;

    public ClockEndpoint(AdjustableClock clock) {
        this.clock = clock;
    }

    public record ClockState(Instant now, Duration offset) {
    }

    @ReadOperation
    public ClockState read() {
        return new ClockState(clock.instant(), clock.offset());
    }

    /** @param advance an ISO-8601 duration such as {@code PT1H} to add to the current offset */
    @WriteOperation
    public ClockState advance(String advance) {
        try {
            clock.advance(Duration.parse(advance));
        } catch (DateTimeParseException | IllegalArgumentException e) {
            // a 400 that says what is wrong, not a 500
            throw new InvalidEndpointRequestException("advance must be a positive ISO-8601 duration such as PT1H: "
                    + e.getMessage(), "advance must be a positive ISO-8601 duration such as PT1H");
        }
        return read();
    }
}
