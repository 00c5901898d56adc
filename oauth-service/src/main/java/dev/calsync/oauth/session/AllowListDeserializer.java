package dev.calsync.oauth.session;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import org.springframework.core.ConfigurableObjectInputStream;
import org.springframework.core.serializer.support.SerializationFailedException;

/**
 * Java deserialization of what this service itself stored (web sessions, pending sign-ins), limited to the
 * classes those hold: the JDK's own ({@code java.base}), Spring Security's and calsync's. Any other class
 * in a row (written by someone with database access, or by a future version) is refused before it is
 * loaded or instantiated, as a {@link SerializationFailedException}, which both readers treat as "nothing
 * stored".
 */
public final class AllowListDeserializer {

    /** Also bounds depth and size: a session is a few kilobytes of Spring Security objects. */
    static final ObjectInputFilter ALLOWED = ObjectInputFilter.Config.createFilter(
            "maxdepth=32;maxbytes=1048576;java.base/*;org.springframework.security.**;dev.calsync.**;!*");

    private final ClassLoader classLoader;

    public AllowListDeserializer(ClassLoader classLoader) {
        this.classLoader = classLoader;
    }

    public Object deserialize(byte[] bytes) {
        try (ObjectInputStream in = new ConfigurableObjectInputStream(new ByteArrayInputStream(bytes), classLoader)) {
            in.setObjectInputFilter(ALLOWED);
            return in.readObject();
        } catch (IOException | ClassNotFoundException | RuntimeException e) {
            // the message may name a class, never data; callers log only the exception's type
            throw new SerializationFailedException("stored object refused or unreadable", e);
        }
    }
}
