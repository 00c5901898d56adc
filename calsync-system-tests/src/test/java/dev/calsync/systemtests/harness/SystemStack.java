package dev.calsync.systemtests.harness;

import dev.calsync.secrets.SecretName;
import dev.calsync.secrets.SecretStore;
import dev.calsync.secrets.SecretsGenerator;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;

/**
 * The whole system as {@code ./calsync up} runs it, each part a process of its own: a KRaft Kafka broker,
 * an embedded PostgreSQL on its own port and data directory (stopping it never touches another server),
 * google-emulator and the four services from their built {@code -exec} jars, configured through environment
 * variables only, on free ports of loopback. Everything lives under {@code target/system/}: one log per
 * component ({@code <name>.log}), the secrets ({@code keys init}'s), the broker's and the database's data.
 *
 * <p>Any component can be {@linkplain ChildProcess#stop() stopped}, {@linkplain ChildProcess#kill() killed}
 * or {@linkplain ChildProcess#restart() restarted} with the same ports and data; {@link #startAnother} runs a
 * second instance of a service in the same consumer groups. One stack serves every test of a run
 * ({@link SystemStackExtension}); tests keep apart by fresh people and feeds.
 */
public final class SystemStack implements AutoCloseable {

    public static final String DATABASE = "calsync";
    public static final String POSTGRES_USER = "postgres";
    public static final String POSTGRES_PASSWORD = "postgres";

    private static final Duration INFRASTRUCTURE_READY_WITHIN = Duration.ofSeconds(90);
    private static final Duration SERVICE_READY_WITHIN = Duration.ofSeconds(180);
    // the child JVMs share two cores with the test JVM: small heaps, the client compiler, one GC thread
    private static final List<String> SERVICE_JVM = List.of("-Xmx320m", "-Xss512k", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Path root;
    private final Path directory;
    private final Path secrets;
    private final int kafkaPort;
    private final int postgresPort;
    private final int emulatorPort;
    private final Map<Service, int[]> ports = new EnumMap<>(Service.class);
    private final ChildProcess kafka;
    private final PostgresProcess postgres;
    private final ChildProcess emulator;
    private final Map<Service, ChildProcess> services = new EnumMap<>(Service.class);
    private final Map<String, ServiceInstance> extraInstances = new LinkedHashMap<>();

    /** A service's process and where it answers. */
    public record ServiceInstance(ChildProcess process, URI apiUrl, URI managementUrl) {
    }

    private SystemStack(Path root) throws IOException {
        this.root = root;
        this.directory = root.resolve("calsync-system-tests/target/system");
        deleteRecursively(directory);
        Files.createDirectories(directory);
        this.kafkaPort = freePort();
        int controllerPort = freePort();
        this.postgresPort = freePort();
        this.emulatorPort = freePort();
        for (Service service : Service.values()) {
            ports.put(service, new int[] {freePort(), freePort()});
        }
        this.secrets = directory.resolve("secrets");
        // what ./calsync keys init writes, with oauth-service's address as the web client's redirect URI
        new SecretsGenerator(apiUrl(Service.OAUTH).toString()).generateMissing(secrets);

        this.kafka = kafkaBroker(controllerPort);
        this.postgres = new PostgresProcess(directory.resolve("postgres-data"), List.of(java(), "-Xmx128m", "-cp",
                ExecJars.localToolsClassPath(root), "dev.calsync.local.EmbeddedPostgresServer", String.valueOf(postgresPort),
                directory.resolve("postgres-data").toString()), log("postgres"), this::postgresAnswers, INFRASTRUCTURE_READY_WITHIN);
        this.emulator = new ChildProcess("google-emulator", javaJar(ExecJars.of(root, "google-emulator")), Map.of(
                "SERVER_PORT", String.valueOf(emulatorPort),
                "GOOGLE_EMULATOR_SEED_FILE", secrets.resolve(SecretName.GOOGLE_OAUTH_CLIENTS.fileName()).toString(),
                "GOOGLE_EMULATOR_ADMIN_ENABLED", "true"),
                log("google-emulator"), () -> healthUp(emulatorUrl().resolve("/actuator/health")), INFRASTRUCTURE_READY_WITHIN);
        for (Service service : Service.values()) {
            services.put(service, serviceProcess(service, service.moduleName(), ports.get(service)[0], ports.get(service)[1]));
        }
    }

    /** Starts every component and waits until each is ready; what started is stopped again if one fails. */
    public static SystemStack start() {
        Path root = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().normalize().getParent();
        SystemStack stack;
        try {
            stack = new SystemStack(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            stack.startAll();
        } catch (RuntimeException e) {
            stack.close();
            throw e;
        }
        return stack;
    }

    private void startAll() {
        Runtime.getRuntime().addShutdownHook(new Thread(this::killEverything, "system-stack-kill"));
        kafka.launch();
        postgres.launch();
        emulator.launch();
        kafka.awaitReady();
        postgres.awaitReady();
        emulator.awaitReady();
        // services read the issuer's discovery document and create the topics at start: they go after the rest
        services.values().forEach(ChildProcess::launch);
        services.values().forEach(ChildProcess::awaitReady);
    }

    /** Waits until every component is ready again (after a fault a test caused, say). */
    public void awaitReady() {
        Stream.concat(Stream.of(kafka, postgres, emulator), services.values().stream()).forEach(ChildProcess::awaitReady);
    }

    public ChildProcess kafka() {
        return kafka;
    }

    public ChildProcess postgres() {
        return postgres;
    }

    public ChildProcess emulator() {
        return emulator;
    }

    public ChildProcess service(Service service) {
        return services.get(service);
    }

    /** A component by its log name: kafka, postgres, google-emulator, a service's module name or an extra instance's name. */
    public ChildProcess component(String name) {
        return Stream.concat(Stream.of(kafka, postgres, emulator),
                        Stream.concat(services.values().stream(), extraInstances.values().stream().map(ServiceInstance::process)))
                .filter(process -> process.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no component " + name));
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + kafkaPort;
    }

    /** The database every service keeps its schema in, as the services' {@code POSTGRES_URL} names it. */
    public String postgresUrl() {
        return "postgresql://127.0.0.1:" + postgresPort + "/" + DATABASE;
    }

    public URI emulatorUrl() {
        return URI.create("http://127.0.0.1:" + emulatorPort);
    }

    public URI apiUrl(Service service) {
        return URI.create("http://127.0.0.1:" + ports.get(service)[0]);
    }

    /** Actuator's own port: health, bindings. */
    public URI managementUrl(Service service) {
        return URI.create("http://127.0.0.1:" + ports.get(service)[1]);
    }

    public Path secretsDirectory() {
        return secrets;
    }

    /** The repository: the {@code calsync} script, the modules. */
    public Path root() {
        return root;
    }

    /** What callers of internal APIs and state-changing Actuator operations present. Never print it. */
    public String serviceCredential() {
        return SecretStore.fromDirectory(secrets).read(SecretName.SERVICE_CREDENTIAL);
    }

    /**
     * Starts one more instance of a service, named {@code name} (its log: {@code target/system/<name>.log}), on
     * ports of its own and otherwise configured as the first: it joins the same consumer groups. Stopped with the stack.
     */
    public ServiceInstance startAnother(Service service, String name) {
        if (extraInstances.containsKey(name)) {
            throw new IllegalArgumentException("an instance named " + name + " exists already");
        }
        int api = freePort();
        int management = freePort();
        ServiceInstance instance = new ServiceInstance(serviceProcess(service, name, api, management),
                URI.create("http://127.0.0.1:" + api), URI.create("http://127.0.0.1:" + management));
        extraInstances.put(name, instance);
        instance.process().start();
        return instance;
    }

    /** Stops (SIGTERM) and forgets an instance {@link #startAnother} started. */
    public void stopAnother(String name) {
        ServiceInstance instance = extraInstances.remove(name);
        if (instance != null) {
            instance.process().stop();
        }
    }

    /** Stops everything gracefully, services first, in the reverse order of the start. */
    @Override
    public void close() {
        List<ChildProcess> order = new ArrayList<>();
        extraInstances.values().forEach(instance -> order.add(instance.process()));
        List<ChildProcess> serviceProcesses = new ArrayList<>(services.values());
        java.util.Collections.reverse(serviceProcesses);
        order.addAll(serviceProcesses);
        order.addAll(List.of(emulator, kafka, postgres));
        for (ChildProcess process : order) {
            try {
                process.stop();
            } catch (RuntimeException e) {
                System.err.println("system stack: " + e.getMessage());
            }
        }
    }

    /** The last resort of a test JVM that dies: no child may outlive it (a postmaster included). */
    private void killEverything() {
        extraInstances.values().forEach(instance -> destroyQuietly(instance.process()));
        services.values().forEach(SystemStack::destroyQuietly);
        destroyQuietly(emulator);
        destroyQuietly(kafka);
        if (postgres.isAlive()) {
            postgres.killPostmaster();
            destroyQuietly(postgres);
        }
    }

    private static void destroyQuietly(ChildProcess process) {
        if (process.isAlive()) {
            try {
                process.kill();
            } catch (RuntimeException ignored) {
                // the JVM is going down; nothing else to do
            }
        }
    }

    private ChildProcess serviceProcess(Service service, String name, int apiPort, int managementPort) {
        Map<String, String> environment = new HashMap<>();
        environment.put("SERVER_PORT", String.valueOf(apiPort));
        environment.put("SERVER_ADDRESS", "127.0.0.1");
        environment.put("MANAGEMENT_PORT", String.valueOf(managementPort));
        environment.put("MANAGEMENT_ADDRESS", "127.0.0.1");
        environment.put("KAFKA_BOOTSTRAP_SERVERS", bootstrapServers());
        environment.put("POSTGRES_URL", postgresUrl());
        environment.put("POSTGRES_USER", POSTGRES_USER);
        environment.put("POSTGRES_PASSWORD", POSTGRES_PASSWORD);
        environment.put("CALSYNC_SECRETS_DIR", secrets.toString());
        environment.put("GOOGLE_ISSUER", emulatorUrl().toString());
        environment.put("GOOGLE_CALENDAR_ROOT_URL", emulatorUrl() + "/");
        environment.put("TOKEN_SERVICE_URL", apiUrl(Service.TOKEN).toString());
        environment.put("FEED_INGEST_URL", apiUrl(Service.FEED_INGEST).toString());
        // the tests serve their feeds from this machine
        environment.put("CALSYNC_FEED_ALLOW_LOOPBACK", "true");
        if (service == Service.OAUTH) {
            // the browser journeys reload the page and read its feed list while they wait; its per-IP and
            // per-session limits (60 and 30 a minute) are for the public, not for a test on loopback
            environment.put("CALSYNC_RATE_LIMIT_PER_CLIENT_IP", "100000");
            environment.put("CALSYNC_RATE_LIMIT_PER_SESSION", "100000");
        }
        URI readiness = URI.create("http://127.0.0.1:" + managementPort + "/actuator/health/readiness");
        return new ChildProcess(name, javaJar(ExecJars.of(root, service.moduleName())), environment, log(name),
                () -> healthUp(readiness), SERVICE_READY_WITHIN);
    }

    /**
     * A single KRaft broker and controller on loopback, as {@code ./calsync up} writes it. Its jars are the
     * ones the build already uses (spring-kafka-test's broker, on this JVM's class path), so the harness needs
     * nothing beyond Maven Central's artifacts of the build.
     */
    private ChildProcess kafkaBroker(int controllerPort) throws IOException {
        Path data = directory.resolve("kafka-data");
        Path config = directory.resolve("kafka-server.properties");
        Properties server = new Properties();
        server.putAll(Map.ofEntries(
                Map.entry("process.roles", "broker,controller"),
                Map.entry("node.id", "1"),
                Map.entry("controller.quorum.voters", "1@127.0.0.1:" + controllerPort),
                Map.entry("listeners", "PLAINTEXT://127.0.0.1:" + kafkaPort + ",CONTROLLER://127.0.0.1:" + controllerPort),
                Map.entry("advertised.listeners", "PLAINTEXT://127.0.0.1:" + kafkaPort),
                Map.entry("controller.listener.names", "CONTROLLER"),
                Map.entry("inter.broker.listener.name", "PLAINTEXT"),
                Map.entry("listener.security.protocol.map", "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT"),
                Map.entry("log.dirs", data.toString()),
                Map.entry("num.partitions", "1"),
                Map.entry("offsets.topic.replication.factor", "1"),
                Map.entry("offsets.topic.num.partitions", "12"),
                Map.entry("transaction.state.log.replication.factor", "1"),
                Map.entry("transaction.state.log.min.isr", "1"),
                Map.entry("group.initial.rebalance.delay.ms", "0"),
                Map.entry("auto.create.topics.enable", "true")));
        try (var out = Files.newBufferedWriter(config, StandardCharsets.UTF_8)) {
            server.store(out, "written by the system tests' SystemStack: one KRaft broker+controller on loopback");
        }
        Path logback = directory.resolve("kafka-logback.xml");
        Files.writeString(logback, """
                <configuration>
                  <appender name="OUT" class="ch.qos.logback.core.ConsoleAppender">
                    <encoder><pattern>%d{HH:mm:ss.SSS} %-5level %logger{36} - %msg%n</pattern></encoder>
                  </appender>
                  <logger name="kafka.server.KafkaRaftServer" level="INFO"/>
                  <root level="WARN"><appender-ref ref="OUT"/></root>
                </configuration>
                """, StandardCharsets.UTF_8);
        List<String> brokerJava = List.of(java(), "-Xms128m", "-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-Dlogback.configurationFile=" + logback, "-cp", brokerClassPath());
        List<String> format = new ArrayList<>(brokerJava);
        format.addAll(List.of("kafka.tools.StorageTool", "format", "-t", Uuid.randomUuid().toString(), "-c", config.toString()));
        runToCompletion("kafka-format", format);
        List<String> broker = new ArrayList<>(brokerJava);
        broker.addAll(List.of("kafka.Kafka", config.toString()));
        return new ChildProcess("kafka", broker, Map.of(), log("kafka"), this::brokerAnswers, INFRASTRUCTURE_READY_WITHIN);
    }

    /** A short tool, not a component: it must end, with exit code 0. */
    private void runToCompletion(String name, List<String> command) {
        ChildProcess tool = new ChildProcess(name, command, Map.of(), log(name), () -> true, INFRASTRUCTURE_READY_WITHIN);
        tool.launch();
        int exit = tool.awaitExit(INFRASTRUCTURE_READY_WITHIN);
        if (exit != 0) {
            throw new IllegalStateException(name + " failed with exit code " + exit + ":\n" + tool.logTail(20));
        }
    }

    private static String brokerClassPath() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !Path.of(entry).endsWith("test-classes") && !Path.of(entry).endsWith("classes"))
                .collect(Collectors.joining(File.pathSeparator));
    }

    private Boolean brokerAnswers() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000))) {
            return !admin.describeCluster().nodes().get().isEmpty();
        }
    }

    /** Answers, and has the services' database (created here on first start, as {@code EnsureDatabase} does for up). */
    private Boolean postgresAnswers() throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + postgresPort + "/postgres",
                POSTGRES_USER, POSTGRES_PASSWORD);
             Statement statement = connection.createStatement()) {
            try (ResultSet exists = statement.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + DATABASE + "'")) {
                if (!exists.next()) {
                    statement.execute("CREATE DATABASE " + DATABASE);
                }
            }
            return true;
        }
    }

    private static Boolean healthUp(URI health) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(3)).build(),
                HttpResponse.BodyHandlers.ofString());
        return response.statusCode() == 200 && response.body().contains("\"status\":\"UP\"");
    }

    private List<String> javaJar(Path jar) {
        List<String> command = new ArrayList<>();
        command.add(java());
        command.addAll(SERVICE_JVM);
        command.addAll(List.of("-jar", jar.toString()));
        return command;
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private Path log(String name) {
        return directory.resolve(name + ".log");
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> all = Files.walk(path)) {
            for (Path each : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(each);
            }
        }
    }

    /**
     * The embedded server's Java wrapper ({@code EmbeddedPostgresServer}) with its postmaster: SIGTERM stops
     * both cleanly, and {@link #kill()} kills the postmaster itself, as a crash of the database would.
     */
    static final class PostgresProcess extends ChildProcess {

        private final Path data;

        PostgresProcess(Path data, List<String> command, Path log, Callable<Boolean> ready, Duration readyWithin) {
            super("postgres", command, Map.of(), log, ready, readyWithin);
            this.data = data;
        }

        @Override
        public int kill() {
            killPostmaster();
            return super.kill();
        }

        void killPostmaster() {
            Path pidFile = data.resolve("postmaster.pid");
            try {
                if (Files.isRegularFile(pidFile)) {
                    long pid = Long.parseLong(Files.readAllLines(pidFile, StandardCharsets.UTF_8).get(0).trim());
                    ProcessHandle.of(pid).ifPresent(postmaster -> {
                        postmaster.destroyForcibly();
                        postmaster.onExit().join();
                    });
                }
            } catch (IOException | RuntimeException e) {
                System.err.println("system stack: could not kill the postmaster of " + data + ": " + e);
            }
        }
    }
}
