package dev.calsync.testsupport;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A test class that must not share its Spring context (nor, therefore, its database) with any other class,
 * though its configuration is the same: it changes what the context started with (a secret, a fake it
 * points at) or counts across its whole database. {@link #value()} says why, in one line.
 */
@Documented
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
public @interface OwnContext {

    /** Why the class cannot share a context. */
    String value();
}
