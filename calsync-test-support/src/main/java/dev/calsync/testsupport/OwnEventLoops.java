package dev.calsync.testsupport;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.http.client.ReactorResourceFactory;

/**
 * For a second instance of a service started inside the test JVM: it gets Netty event loops of its own, as
 * another process would. With the JVM-wide ones, closing it would dispose the loops the test's own instance,
 * its management port and the emulator run on.
 */
public final class OwnEventLoops implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        ((GenericApplicationContext) context).registerBean("reactorResourceFactory", ReactorResourceFactory.class, () -> {
            ReactorResourceFactory own = new ReactorResourceFactory();
            own.setUseGlobalResources(false);
            return own;
        });
    }
}
