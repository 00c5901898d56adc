package dev.calsync.contracts;

/**
 * A Kafka record's payload is not a valid contract record: it can never be processed, however often
 * it is retried, so consumers treat it as a permanent error (e.g. the DLQ).
 *
 * <p>The message is one line that names the record and the field or problem, e.g.
 * {@code cannot read EventChanged: EventChanged.grantId is required}. It never contains the payload
 * or a value from it, because payloads carry ciphertexts and personal data and this message ends up
 * in logs and DLQ headers. For the same reason Jackson's exception, whose message may quote the
 * payload, is never attached as the cause.
 */
public final class MalformedMessageException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient Class<? extends CalsyncEvent> payloadType;
    private final String problem;

    public MalformedMessageException(Class<? extends CalsyncEvent> payloadType, String problem) {
        this(payloadType, problem, null);
    }

    /**
     * @param cause only an exception whose message is known to hold no payload value, such as a
     *     contract record's own validation error
     */
    public MalformedMessageException(Class<? extends CalsyncEvent> payloadType, String problem, Throwable cause) {
        super("cannot read " + payloadType.getSimpleName() + ": " + problem, cause);
        this.payloadType = payloadType;
        this.problem = problem;
    }

    /** The record type the payload was read as. */
    public Class<? extends CalsyncEvent> payloadType() {
        return payloadType;
    }

    /** What is wrong, without the {@code cannot read X:} prefix. */
    public String problem() {
        return problem;
    }
}
