package dev.calsync.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Configuration;
import org.springframework.test.context.TestPropertySource;

/**
 * What {@link RealInfrastructure} shares, shown by running fixture classes through JUnit as a build does:
 * classes of one Spring context configuration get one database, another configuration or a class without a
 * context gets its own, and every class of the run gets the same broker and secrets folder.
 */
class DatabasePerContextIT {

    /** The database and broker each fixture class was given, by class. */
    static final Map<String, Infrastructure> SEEN = new ConcurrentHashMap<>();

    @Configuration(proxyBeanMethods = false)
    static class NoBeans {
    }

    @RealInfrastructure
    @SpringBootTest(classes = NoBeans.class, webEnvironment = SpringBootTest.WebEnvironment.NONE)
    abstract static class Fixture {
        @Test
        void recordsItsInfrastructure(Infrastructure infrastructure) {
            SEEN.put(getClass().getSimpleName(), infrastructure);
        }
    }

    static class SameConfigurationA extends Fixture {
    }

    static class SameConfigurationB extends Fixture {
    }

    @TestPropertySource(properties = "some.setting=changed")
    static class OtherConfiguration extends Fixture {
    }

    @RealInfrastructure
    static class WithoutAContext {
        @Test
        void recordsItsInfrastructure(Infrastructure infrastructure) {
            SEEN.put(getClass().getSimpleName(), infrastructure);
        }
    }

    @Test
    void classesOfOneConfigurationShareADatabaseAndEveryClassTheBrokerAndSecrets() {
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectClass(SameConfigurationA.class), selectClass(OtherConfiguration.class),
                        selectClass(WithoutAContext.class), selectClass(SameConfigurationB.class))
                .build();
        SummaryGeneratingListener summary = new SummaryGeneratingListener();
        LauncherFactory.create().execute(request, summary);

        assertThat(summary.getSummary().getTestsSucceededCount()).as("fixture failures: %s", summary.getSummary().getFailures())
                .isEqualTo(4);
        String shared = SEEN.get("SameConfigurationA").postgres().name();
        assertThat(SEEN.get("SameConfigurationB").postgres().name()).isEqualTo(shared);
        assertThat(SEEN.get("OtherConfiguration").postgres().name()).isNotEqualTo(shared);
        assertThat(SEEN.get("WithoutAContext").postgres().name()).isNotEqualTo(shared)
                .isNotEqualTo(SEEN.get("OtherConfiguration").postgres().name());
        assertThat(SEEN.values()).extracting(infrastructure -> infrastructure.kafka().bootstrapServers()).containsOnly(
                SEEN.get("SameConfigurationA").kafka().bootstrapServers());
        assertThat(SEEN.values()).extracting(Infrastructure::secretsDir).containsOnly(SEEN.get("SameConfigurationA").secretsDir());
    }
}
