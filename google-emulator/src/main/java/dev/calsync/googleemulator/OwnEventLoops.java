package dev.calsync.googleemulator;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.http.client.ReactorResourceFactory;

/**
 * Netty event loops of its own for a Spring application started beside others in one JVM (the embedded
 * emulator, a second instance of a service in a test), as another process would have. With Reactor Netty's
 * JVM-wide loops (Spring Boot's default), closing it would dispose the loops every other server and client of
 * the JVM runs on.
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
