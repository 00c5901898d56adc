package dev.calsync.systemtests.harness;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A test class that runs against the whole system as processes: its test methods, {@code @BeforeAll} and
 * {@code @BeforeEach} methods may take a {@link SystemStack} parameter, shared by every class of the run.
 * A scenario that stops or kills a component must leave it running again (or the stack as it found it).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(SystemStackExtension.class)
public @interface WithSystemStack {
}
