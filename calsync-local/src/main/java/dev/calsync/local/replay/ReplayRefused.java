package dev.calsync.local.replay;

/** A step of the replay was refused or failed: the message is for the operator, the exit code is non-zero. */
public final class ReplayRefused extends Exception {

    public ReplayRefused(String message) {
        super(message);
    }

    public ReplayRefused(String message, Throwable cause) {
        super(message, cause);
    }
}
