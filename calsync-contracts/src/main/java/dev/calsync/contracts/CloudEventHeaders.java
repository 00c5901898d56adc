package dev.calsync.contracts;

/**
 * Kafka header names of the CloudEvents Kafka protocol binding (binary mode), so that any Kafka tool
 * can tell what a record is without knowing calsync. Services set these themselves; the values of
 * {@link #TYPE} come from {@link ContractType#cloudEventType()}.
 */
public final class CloudEventHeaders {

    public static final String ID = "ce_id";
    public static final String TYPE = "ce_type";
    public static final String SOURCE = "ce_source";
    public static final String SPEC_VERSION = "ce_specversion";
    public static final String TIME = "ce_time";

    public static final String SPEC_VERSION_VALUE = "1.0";

    private CloudEventHeaders() {
    }
}
