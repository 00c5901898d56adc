/**
 * The event contracts the calsync services exchange over Kafka.
 *
 * <p>This is a named module for one reason: {@link dev.calsync.contracts.CalsyncEvent} is sealed and
 * its records live in feature packages, which Java only allows inside a named module. Services put
 * the jar on the class path as usual; the module descriptor is then ignored.
 */
module dev.calsync.contracts {
    requires transitive com.fasterxml.jackson.databind;
    requires com.fasterxml.jackson.datatype.jsr310;

    exports dev.calsync.contracts;
    exports dev.calsync.contracts.token;
    exports dev.calsync.contracts.feed;
    exports dev.calsync.contracts.event;
    exports dev.calsync.contracts.resync;
    exports dev.calsync.contracts.status;

    // Jackson reads record components reflectively.
    opens dev.calsync.contracts.token to com.fasterxml.jackson.databind;
    opens dev.calsync.contracts.feed to com.fasterxml.jackson.databind;
    opens dev.calsync.contracts.event to com.fasterxml.jackson.databind;
    opens dev.calsync.contracts.resync to com.fasterxml.jackson.databind;
    opens dev.calsync.contracts.status to com.fasterxml.jackson.databind;
}
