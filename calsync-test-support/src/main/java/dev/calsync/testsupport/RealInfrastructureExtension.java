package dev.calsync.testsupport;

import dev.calsync.secrets.SecretsGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.springframework.test.context.MergedContextConfiguration;

/** See {@link RealInfrastructure}. */
public class RealInfrastructureExtension implements BeforeAllCallback, AfterAllCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(RealInfrastructureExtension.class);

    /** One broker per JVM, closed when JUnit closes its root store at the end of the run. */
    private record SharedBroker(KafkaBroker broker) implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() {
            broker.close();
        }
    }

    /** One secrets folder per JVM: a cached context keeps reading the folder it started with. */
    private record SharedSecrets(Path folder) implements ExtensionContext.Store.CloseableResource {
        static SharedSecrets create() {
            try {
                Path folder = Files.createTempDirectory("calsync-test-secrets");
                new SecretsGenerator("http://localhost:8081").generateMissing(folder);
                return new SharedSecrets(folder);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() throws IOException {
            deleteRecursively(folder);
        }
    }

    /**
     * One database per Spring context configuration, kept until the end of the run because the cached
     * context may serve a later class; dropped with FORCE, as the context may outlive the run's end.
     */
    private static final class ContextDatabases implements ExtensionContext.Store.CloseableResource {
        private final Map<MergedContextConfiguration, PostgresDatabase> databases = new ConcurrentHashMap<>();

        PostgresDatabase forContext(MergedContextConfiguration key, Map<String, String> environment, String firstClass) {
            return databases.computeIfAbsent(key, ignored -> PostgresDatabase.createFresh(environment, firstClass));
        }

        @Override
        public void close() {
            databases.values().forEach(PostgresDatabase::close);
        }
    }

    private record ClassResources(Infrastructure infrastructure, boolean ownsDatabase, Map<String, String> previousProperties) {
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        Map<String, String> environment = System.getenv();
        ExtensionContext.Store shared = context.getRoot().getStore(NAMESPACE);
        KafkaBroker broker = shared
                .getOrComputeIfAbsent(SharedBroker.class, key -> new SharedBroker(KafkaBroker.start(environment)), SharedBroker.class)
                .broker();
        Path secrets = shared.getOrComputeIfAbsent(SharedSecrets.class, key -> SharedSecrets.create(), SharedSecrets.class).folder();
        Class<?> testClass = context.getRequiredTestClass();
        Optional<MergedContextConfiguration> contextKey = ContextKey.of(testClass);
        PostgresDatabase database = contextKey
                .map(key -> shared.getOrComputeIfAbsent(ContextDatabases.class, ignored -> new ContextDatabases(), ContextDatabases.class)
                        .forContext(key, environment, testClass.getSimpleName()))
                .orElseGet(() -> PostgresDatabase.createFresh(environment, testClass.getSimpleName()));

        Map<String, String> properties = Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers(),
                "POSTGRES_URL", database.url(),
                "POSTGRES_USER", database.user(),
                "POSTGRES_PASSWORD", database.password(),
                "CALSYNC_SECRETS_DIR", secrets.toString(),
                // Actuator on a random port of its own, as the API port is: a fixed one would clash between runs
                "management.server.port", "0");
        Map<String, String> previous = new HashMap<>();
        properties.forEach((name, value) -> {
            previous.put(name, System.getProperty(name));
            System.setProperty(name, value);
        });
        context.getStore(NAMESPACE).put(ClassResources.class,
                new ClassResources(new Infrastructure(broker, database, secrets), contextKey.isEmpty(), previous));
    }

    @Override
    public void afterAll(ExtensionContext context) {
        ClassResources resources = context.getStore(NAMESPACE).remove(ClassResources.class, ClassResources.class);
        if (resources == null) {
            return;
        }
        resources.previousProperties().forEach((name, value) -> {
            if (value == null) {
                System.clearProperty(name);
            } else {
                System.setProperty(name, value);
            }
        });
        if (resources.ownsDatabase()) {
            resources.infrastructure().postgres().close();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == Infrastructure.class || type == KafkaBroker.class || type == PostgresDatabase.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Infrastructure infrastructure = infrastructure(context);
        Class<?> type = parameter.getParameter().getType();
        if (type == KafkaBroker.class) {
            return infrastructure.kafka();
        }
        if (type == PostgresDatabase.class) {
            return infrastructure.postgres();
        }
        return infrastructure;
    }

    /** For tests that need the infrastructure outside a parameter (a static helper, a nested class). */
    public static Infrastructure infrastructure(ExtensionContext context) {
        for (ExtensionContext current = context; current != null; current = current.getParent().orElse(null)) {
            ClassResources resources = current.getStore(NAMESPACE).get(ClassResources.class, ClassResources.class);
            if (resources != null) {
                return resources.infrastructure();
            }
        }
        throw new IllegalStateException("no @RealInfrastructure on " + context.getRequiredTestClass().getName());
    }

    private static void deleteRecursively(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.delete(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
