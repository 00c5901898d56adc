package dev.calsync.calendarwriter.lanes;

import java.time.Duration;
import java.util.Optional;

/** What became of one job (a record) of a lane that ran with others. */
public sealed interface Outcome {

    /** Finished: it leaves its lane (and its offset may be committed). */
    record Done() implements Outcome {
    }

    /** Tried and must be tried again, not before {@code after}; the lane's later jobs of the same key wait behind it. */
    record Again(Duration after) implements Outcome {
    }

    /** Not tried this time: it stays where it is in its lane and runs in its turn. */
    record NotRun() implements Outcome {
    }

    Outcome DONE = new Done();
    Outcome NOT_RUN = new NotRun();

    /** A single job's answer: empty when done, else how long until it runs again. */
    static Outcome of(Optional<Duration> again) {
        return again.<Outcome>map(Again::new).orElse(DONE);
    }
}
