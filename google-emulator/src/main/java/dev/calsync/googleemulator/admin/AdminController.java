package dev.calsync.googleemulator.admin;

import dev.calsync.clock.AdjustableClock;
import dev.calsync.googleemulator.fault.Fault;
import dev.calsync.googleemulator.fault.FaultPlan;
import dev.calsync.googleemulator.ledger.CallLedger;
import dev.calsync.googleemulator.state.IssuedSecrets;
import dev.calsync.googleemulator.state.Resettable;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The admin API tests use to steer and inspect the emulator. Off unless {@code emulator.admin.enabled}
 * (env {@code GOOGLE_EMULATOR_ADMIN_ENABLED}): it hands out every secret the emulator issued.
 */
@RestController
@RequestMapping("/emulator/admin")
@ConditionalOnProperty(name = "emulator.admin.enabled", havingValue = "true")
public class AdminController {

    private final AdjustableClock clock;
    private final FaultPlan faults;
    private final CallLedger ledger;
    private final IssuedSecrets issued;
    private final List<Resettable> state;

    public AdminController(AdjustableClock clock, FaultPlan faults, CallLedger ledger, IssuedSecrets issued,
                           List<Resettable> state) {
        this.clock = clock;
        this.faults = faults;
        this.ledger = ledger;
        this.issued = issued;
        this.state = state;
    }

    public record ClockState(Instant now, Duration offset) {
    }

    public record ClockAdvance(Duration advance) {
    }

    @GetMapping("/clock")
    public ClockState clock() {
        return new ClockState(clock.instant(), clock.offset());
    }

    @PostMapping("/clock")
    public ClockState advance(@RequestBody ClockAdvance request) {
        clock.advance(request.advance());
        return clock();
    }

    @GetMapping("/faults")
    public List<Fault> faults() {
        return faults.armed();
    }

    @PostMapping("/faults")
    @ResponseStatus(HttpStatus.CREATED)
    public Fault arm(@RequestBody Fault fault) {
        faults.arm(fault);
        return fault;
    }

    @DeleteMapping("/faults")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public void disarm() {
        faults.reset();
    }

    /** account email → Calendar method → calls */
    @GetMapping("/calls")
    public Map<String, Map<String, Long>> calls() {
        return ledger.snapshot();
    }

    /**
     * account email → Calendar method → reason → calls refused before they ran ({@code userRateLimitExceeded},
     * {@code rateLimitExceeded}, {@code quotaExceeded}); cleared with the counts.
     */
    @GetMapping("/calls/refused")
    public Map<String, Map<String, Map<String, Long>>> refusedCalls() {
        return ledger.refusals();
    }

    @DeleteMapping("/calls")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public void clearCalls() {
        ledger.reset();
    }

    /** Every token, code and client secret issued: tests scan logs and topics for them. */
    @GetMapping("/secrets")
    public List<IssuedSecrets.Issued> secrets() {
        return issued.all();
    }

    /**
     * Forgets every grant, token, calendar, event, fault, count and quota window, and puts the clock back to
     * real time (a test after this one starts where a fresh emulator would); the seed and signing keys stay.
     * The clock goes back only once nothing is left that was stamped on the advanced time.
     */
    @PostMapping("/reset")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public void reset() {
        state.forEach(Resettable::reset);
        clock.setOffset(Duration.ZERO);
    }
}
