package dev.calsync.googleemulator.fault;

import dev.calsync.googleemulator.state.Resettable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.stereotype.Component;

/** The faults the admin API has armed; each call asks which (if any) applies to it. */
@Component
public class FaultPlan implements Resettable {

    /**
     * What happens to one call: a delay, then possibly a failure or a dropped connection, and a hold of the
     * answer after the call took effect.
     */
    public record Decision(long latencyMs, int status, String reason, boolean reset, long holdResponseMs,
                           long retryAfterSeconds) {
        public boolean fails() {
            return reset || status > 0;
        }
    }

    private final List<Fault> faults = new ArrayList<>();
    private final List<Integer> remaining = new ArrayList<>();

    public synchronized void arm(Fault fault) {
        faults.add(fault);
        remaining.add(fault.times());
    }

    public synchronized List<Fault> armed() {
        return List.copyOf(faults);
    }

    public synchronized Optional<Decision> decide(String endpoint) {
        long latency = 0;
        long hold = 0;
        Iterator<Fault> each = faults.iterator();
        for (int i = 0; each.hasNext(); i++) {
            Fault fault = each.next();
            if (!fault.matches(endpoint)) {
                continue;
            }
            latency = Math.max(latency, fault.latencyMs());
            hold = Math.max(hold, fault.holdResponseMs());
            boolean failsNow;
            if (fault.times() > 0) {
                int left = remaining.get(i);
                failsNow = left > 0;
                if (failsNow) {
                    remaining.set(i, left - 1);
                }
            } else {
                failsNow = fault.rate() > 0 && ThreadLocalRandom.current().nextDouble() < fault.rate();
            }
            if (failsNow && (fault.status() > 0 || fault.reset())) {
                return Optional.of(new Decision(latency, fault.status(), fault.reason(), fault.reset(), hold,
                        fault.retryAfterSeconds()));
            }
        }
        return latency > 0 || hold > 0 ? Optional.of(new Decision(latency, 0, null, false, hold, 0)) : Optional.empty();
    }

    @Override
    public synchronized void reset() {
        faults.clear();
        remaining.clear();
    }
}
