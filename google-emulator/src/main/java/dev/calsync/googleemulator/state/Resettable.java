package dev.calsync.googleemulator.state;

/** In-memory state the admin API's reset clears (the seed's clients and accounts stay). */
public interface Resettable {

    void reset();
}
