package dev.calsync.testsupport;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.test.context.BootstrapUtils;
import org.springframework.test.context.BootstrapWith;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.test.context.TestContextAnnotationUtils;

/**
 * The key under which Spring's test context cache keeps a test class's application context: two classes
 * with equal keys run in one context. Read without loading anything, so the database a context will use
 * and the order classes run in can follow it.
 */
final class ContextKey {

    /** Built once per class: the class order and the extension both ask, and building scans the class path. */
    private static final Map<Class<?>, Optional<MergedContextConfiguration>> KEYS = new ConcurrentHashMap<>();

    private ContextKey() {
    }

    /** Empty for a class that starts no Spring test context. */
    static Optional<MergedContextConfiguration> of(Class<?> testClass) {
        return KEYS.computeIfAbsent(testClass, ContextKey::build);
    }

    private static Optional<MergedContextConfiguration> build(Class<?> testClass) {
        if (!TestContextAnnotationUtils.hasAnnotation(testClass, BootstrapWith.class)
                && !TestContextAnnotationUtils.hasAnnotation(testClass, ContextConfiguration.class)) {
            return Optional.empty();
        }
        return Optional.of(BootstrapUtils.resolveTestContextBootstrapper(testClass).buildMergedContextConfiguration());
    }
}
