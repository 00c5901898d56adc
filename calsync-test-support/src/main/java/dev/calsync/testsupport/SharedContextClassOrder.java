package dev.calsync.testsupport;

import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.ClassOrdererContext;
import org.junit.jupiter.api.ClassDescriptor;
import org.springframework.test.context.MergedContextConfiguration;

/**
 * Runs the classes that share a Spring context one after another, so that a cache of one live context
 * ({@code spring.test.context.cache.maxSize=1}) starts each context once. Classes that start no context
 * come first: some of them run a service as a child process or a second instance, which must not share
 * its consumer group with a context still alive in the cache. Within each group, by name.
 *
 * <p>Named by {@code junit.jupiter.testclass.order.default} in this module's {@code junit-platform.properties}.
 */
public class SharedContextClassOrder implements ClassOrderer {

    @Override
    public void orderClasses(ClassOrdererContext context) {
        Comparator<ClassDescriptor> byName = Comparator.comparing(descriptor -> descriptor.getTestClass().getName());
        Map<ClassDescriptor, Optional<MergedContextConfiguration>> keys = new HashMap<>();
        context.getClassDescriptors().forEach(descriptor -> keys.put(descriptor, ContextKey.of(descriptor.getTestClass())));

        // a group's place is that of its first class by name
        Map<MergedContextConfiguration, String> groupPlace = new HashMap<>();
        context.getClassDescriptors().stream().sorted(byName).forEach(descriptor ->
                keys.get(descriptor).ifPresent(key -> groupPlace.putIfAbsent(key, descriptor.getTestClass().getName())));

        context.getClassDescriptors().sort(Comparator
                .comparing((ClassDescriptor descriptor) -> keys.get(descriptor).isPresent())
                .thenComparing(descriptor -> keys.get(descriptor).map(groupPlace::get).orElse(""))
                .thenComparing(byName));
    }
}
