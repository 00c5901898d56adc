package dev.calsync.secrets;

/** A secret a service needs is neither in the secrets folder nor in the environment. */
public class MissingSecretException extends RuntimeException {
    public MissingSecretException(String message) {
        super(message);
    }
}
