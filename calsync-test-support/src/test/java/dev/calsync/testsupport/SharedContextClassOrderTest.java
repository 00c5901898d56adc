package dev.calsync.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.annotation.Annotation;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.ClassDescriptor;
import org.junit.jupiter.api.ClassOrdererContext;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Configuration;
import org.springframework.test.context.TestPropertySource;

/** Which classes share a Spring context, and the order that starts each shared context once. */
class SharedContextClassOrderTest {

    @Configuration(proxyBeanMethods = false)
    static class Beans {
    }

    @SpringBootTest(classes = Beans.class)
    static class A1 {
    }

    @SpringBootTest(classes = Beans.class)
    static class C2 {
    }

    @SpringBootTest(classes = Beans.class)
    @TestPropertySource(properties = "some.setting=changed")
    static class B1WithAProperty {
    }

    @SpringBootTest(classes = Beans.class)
    @OwnContext("this test needs it")
    static class B2Own {
    }

    static class ZPlain {
    }

    static class APlain {
    }

    @Test
    void classesWithTheSameConfigurationHaveOneKeyAndAChangedPropertyOrOwnContextAnother() {
        assertThat(ContextKey.of(A1.class)).isPresent().isEqualTo(ContextKey.of(C2.class));
        assertThat(ContextKey.of(B1WithAProperty.class)).isPresent().isNotEqualTo(ContextKey.of(A1.class));
        assertThat(ContextKey.of(B2Own.class)).isPresent().isNotEqualTo(ContextKey.of(A1.class));
        assertThat(ContextKey.of(ZPlain.class)).isEmpty();
    }

    @Test
    void classesWithoutAContextComeFirstThenEachContextsClassesTogether() {
        List<ClassDescriptor> classes = new ArrayList<>(Stream.of(C2.class, ZPlain.class, B2Own.class, A1.class,
                B1WithAProperty.class, APlain.class).map(Descriptor::new).toList());

        new SharedContextClassOrder().orderClasses(new Context(classes));

        assertThat(classes).extracting(descriptor -> descriptor.getTestClass().getSimpleName())
                .containsExactly("APlain", "ZPlain", "A1", "C2", "B1WithAProperty", "B2Own");
    }

    private record Descriptor(Class<?> type) implements ClassDescriptor {
        @Override
        public Class<?> getTestClass() {
            return type;
        }

        @Override
        public String getDisplayName() {
            return type.getSimpleName();
        }

        @Override
        public boolean isAnnotated(Class<? extends Annotation> annotationType) {
            return type.isAnnotationPresent(annotationType);
        }

        @Override
        public <A extends Annotation> Optional<A> findAnnotation(Class<A> annotationType) {
            return Optional.ofNullable(type.getAnnotation(annotationType));
        }

        @Override
        public <A extends Annotation> List<A> findRepeatableAnnotations(Class<A> annotationType) {
            return List.of(type.getAnnotationsByType(annotationType));
        }
    }

    private record Context(List<ClassDescriptor> classes) implements ClassOrdererContext {
        @Override
        public List<? extends ClassDescriptor> getClassDescriptors() {
            return classes;
        }

        @Override
        public Optional<String> getConfigurationParameter(String key) {
            return Optional.empty();
        }
    }
}
