package dev.calsync.testsupport;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.annotation.AliasFor;

/**
 * A service started on a random port against real infrastructure. Classes with the same configuration
 * share one context and its database (Spring's context cache); tests keep apart by fresh subscriber,
 * feed and grant ids. The cache holds one live context at a time ({@code spring.test.context.cache.maxSize=1}
 * in the build), so a context's consumers leave the shared broker's consumer group before the next
 * configuration's context takes over, and {@link SharedContextClassOrder} runs the classes of one
 * configuration together. A class that changes a property gets a context of its own and says why.
 * Metrics export stays on (Spring Boot turns it off in tests by default) because {@code /actuator/prometheus}
 * is part of every service.
 */
@Documented
@Inherited
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@RealInfrastructure
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureObservability(tracing = false)
public @interface CalsyncServiceTest {

    @AliasFor(annotation = SpringBootTest.class, attribute = "properties")
    String[] properties() default {};

    @AliasFor(annotation = SpringBootTest.class, attribute = "classes")
    Class<?>[] classes() default {};
}
