package dev.calsync.testsupport;

import java.util.List;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;

/**
 * Makes {@link OwnContext} work: the customizer changes nothing in the context, but as part of the context
 * cache's key it is equal only for the same test class. Registered in {@code META-INF/spring.factories}.
 */
public class OwnContextCustomizerFactory implements ContextCustomizerFactory {

    @Override
    public ContextCustomizer createContextCustomizer(Class<?> testClass, List<ContextConfigurationAttributes> configAttributes) {
        return testClass.isAnnotationPresent(OwnContext.class) ? new OneClassOnly(testClass) : null;
    }

    private record OneClassOnly(Class<?> testClass) implements ContextCustomizer {
        @Override
        public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration mergedConfig) {
            // nothing: being part of the key is the point
        }
    }
}
