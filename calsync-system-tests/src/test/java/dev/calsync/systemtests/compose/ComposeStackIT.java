package dev.calsync.systemtests.compose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.calsync.secrets.SecretsGenerator;
import dev.calsync.systemtests.actors.FeedServer;
import dev.calsync.systemtests.actors.GoogleEmulatorAdmin;
import dev.calsync.systemtests.actors.Person;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * docker-compose.yml brought up for real on a Docker engine with the offline images (README "Running with
 * Docker"): the engine started if none answers, the local images and the service images built, every
 * container healthy; then a person connects Google Calendar through the emulator and adds a feed this JVM
 * serves on the compose network's gateway, and the feed's events reach the emulator; the writer is scaled
 * to two instances and both get partitions of its consumer group; everything is taken down and nothing is
 * left (containers, network, its bridge, volumes, and the engine and its bridge if this test started it).
 *
 * <p>Runs only with {@code CALSYNC_DOCKER_TESTS=true} (or {@code -Dcalsync.docker.tests=true}), as root, in
 * failsafe's {@code compose} execution (which resolves the emulator's compose name, see
 * {@code compose/hosts}); each step's time goes to {@code target/compose-stack-timings.txt}.
 */
class ComposeStackIT {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path TARGET = Path.of("target").toAbsolutePath();
    private static final String PROJECT = "calsync-compose-it";
    private static final String WRITER = "calendar-writer-service";
    private static final String ALICE = "alice@example.com";
    /** kafka, postgres, the emulator and the four services. */
    private static final int CONTAINERS = 7;
    private static final Duration HEALTHY_WITHIN = Duration.ofMinutes(7);
    private static final Pattern KAFKA_VERSION = Pattern.compile("<kafka.version>([^<]+)</kafka.version>");

    private final Map<String, Duration> timings = new LinkedHashMap<>();
    private Commands commands;
    private List<String> compose;
    private boolean startedEngine;

    @BeforeAll
    static void onlyWhereDockerTestsAreAskedFor() {
        boolean asked = Boolean.parseBoolean(System.getProperty("calsync.docker.tests", System.getenv("CALSYNC_DOCKER_TESTS")));
        assumeTrue(asked, "set CALSYNC_DOCKER_TESTS=true (a Docker engine, or root and Debian's docker.io to start one)");
        assumeTrue(System.getProperty("jdk.net.hosts.file") != null, "runs in failsafe's compose execution (it resolves google-emulator)");
    }

    @Test
    void composeComesUpHealthyRunsAJourneyScalesTheWriterAndLeavesNothingBehind() throws Exception {
        Files.createDirectories(TARGET);
        commands = new Commands(ROOT, TARGET.resolve("compose-stack-commands.log"));
        boolean tornDown = false;
        try {
            step("engine started", this::startEngineUnlessOneAnswers);
            prepareEnvironment();
            step("local images (scripts/build-local-images)", () -> commands.check(Duration.ofMinutes(10), List.of("scripts/build-local-images")));
            step("service images (compose build)", () -> compose(Duration.ofMinutes(10), "build"));
            step("up until " + CONTAINERS + " containers healthy", () -> {
                compose(Duration.ofMinutes(3), "up", "-d");
                awaitHealthy(CONTAINERS);
            });
            step("journey: grant, feed, events in the emulator", this::journey);
            step("scaled: 2 writers healthy, both with partitions", this::scaleTheWriter);
            tornDown = true;
            step("down -v", this::downAndCheckNothingIsLeft);
            if (startedEngine) {
                step("engine stopped", this::stopEngineAndCheckNothingIsLeft);
            }
        } finally {
            if (!tornDown) {
                keepTheContainersLogs();
                commands.run(Duration.ofMinutes(3), composeCommand("down", "-v", "--remove-orphans"));
                if (startedEngine) {
                    commands.run(Duration.ofMinutes(2), List.of("scripts/docker-engine", "stop"));
                }
            }
            writeTimings();
        }
    }

    private void startEngineUnlessOneAnswers() {
        if (commands.run(Duration.ofSeconds(20), List.of("docker", "version")).succeeded()) {
            return;
        }
        String exports = commands.check(Duration.ofMinutes(1), List.of("scripts/docker-engine", "start"));
        Matcher host = Pattern.compile("export DOCKER_HOST=(\\S+)").matcher(exports);
        assertThat(host.find()).as("scripts/docker-engine start names its DOCKER_HOST: %s", exports).isTrue();
        commands.setEnvironment("DOCKER_HOST", host.group(1));
        startedEngine = true;
    }

    private void prepareEnvironment() throws IOException {
        // the secrets compose mounts (./.secrets), as ./calsync keys init makes them; existing ones are kept
        Path secrets = ROOT.resolve(".secrets");
        new SecretsGenerator("http://localhost:8081").generateMissing(secrets);
        Matcher kafkaVersion = KAFKA_VERSION.matcher(Files.readString(ROOT.resolve("tools/kafka/pom.xml")));
        assertThat(kafkaVersion.find()).as("<kafka.version> in tools/kafka/pom.xml").isTrue();
        for (int port : new int[] {8081, 8089}) {
            assertThat(answers(port)).as("port %s of 127.0.0.1 is free for compose (./calsync up still running?)", port).isFalse();
        }
        Map<String, String> environment = new HashMap<>(Map.of(
                "CALSYNC_UID", String.valueOf(Files.getAttribute(secrets, "unix:uid")),
                "BASE_IMAGE", "calsync-local/jre:17",
                "KAFKA_IMAGE", "calsync-local/kafka:" + kafkaVersion.group(1),
                "POSTGRES_IMAGE", "calsync-local/postgres:15",
                // a machine may run a PostgreSQL of its own on 5432
                "POSTGRES_HOST_PORT", String.valueOf(freePort()),
                // passed through by compose: the admin API shows the emulator's calendars, and the feed is served
                // on the compose network's gateway, a private address
                "GOOGLE_EMULATOR_ADMIN_ENABLED", "true",
                "CALSYNC_FEED_ALLOW_PRIVATE_NETWORKS", "true"));
        environment.forEach(commands::setEnvironment);
        compose = commands.run(Duration.ofSeconds(20), List.of("docker", "compose", "version")).succeeded()
                ? List.of("docker", "compose") : List.of("docker-compose");
    }

    private void journey() throws Exception {
        String gateway = commands.check(Duration.ofSeconds(20), List.of("docker", "network", "inspect", PROJECT + "_default",
                "--format", "{{range .IPAM.Config}}{{.Gateway}}{{end}}")).trim();
        assertThat(gateway).as("the compose network's gateway, this machine's address on it").isNotBlank();
        try (FeedServer publisher = FeedServer.start(gateway)) {
            GoogleEmulatorAdmin google = new GoogleEmulatorAdmin(URI.create("http://127.0.0.1:8089"));
            Person alice = Person.connect(URI.create("http://localhost:8081"), ROOT.resolve(".secrets"), ALICE);
            String feed = "compose-" + UUID.randomUUID();
            List<String> events = List.of("Kick-off", "Planning", "Retrospective");
            alice.addFeed(publisher.publish(feed, FeedServer.simpleFeed(feed, events)), feed);

            List<String> shown = await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1))
                    .alias("Alice's Google calendar " + feed + " in the emulator lists the feed's events")
                    .until(() -> google.liveEventSummaries(ALICE, feed), events::equals);
            assertThat(shown).containsExactlyElementsOf(events);
            assertThat(publisher.downloads(feed)).as("feed-ingest's container fetched the feed from this JVM").isPositive();
        }
    }

    private void scaleTheWriter() {
        compose(Duration.ofMinutes(3), "up", "-d", "--scale", WRITER + "=2");
        awaitHealthy(CONTAINERS + 1);
        Set<String> writers = containerIds("com.docker.compose.service=" + WRITER).stream()
                .map(id -> commands.check(Duration.ofSeconds(20), List.of("docker", "inspect", "--format",
                        "{{range .NetworkSettings.Networks}}{{.IPAddress}}{{end}}", id)).trim())
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(writers).as("the writer's two instances' addresses").hasSize(2);
        String kafka = containerIds("com.docker.compose.service=kafka").get(0);
        // both instances are members of the writer's group and Kafka gave each of them partitions
        Map<String, Integer> partitions = await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(2))
                .alias("the writer's consumer group has partitions on both instances " + writers)
                .until(() -> partitionsPerHost(kafka), assigned -> writers.stream().allMatch(writer -> assigned.getOrDefault(writer, 0) > 0));
        assertThat(partitions.keySet()).containsAll(writers);
    }

    /** Partitions assigned per member host ({@code kafka-consumer-groups.sh --describe --members}). */
    private Map<String, Integer> partitionsPerHost(String kafka) {
        Commands.Result described = commands.run(Duration.ofSeconds(60), List.of("docker", "exec", kafka,
                "/opt/kafka/bin/kafka-consumer-groups.sh", "--bootstrap-server", "localhost:9092", "--describe", "--members", "--group", WRITER));
        Map<String, Integer> partitions = new HashMap<>();
        // GROUP CONSUMER-ID HOST CLIENT-ID #PARTITIONS, the host as /<address>
        for (String line : described.output().split("\n")) {
            String[] columns = line.trim().split("\\s+");
            if (columns.length >= 5 && columns[0].equals(WRITER) && columns[2].startsWith("/") && columns[4].matches("\\d+")) {
                partitions.merge(columns[2].substring(1), Integer.parseInt(columns[4]), Integer::sum);
            }
        }
        return partitions;
    }

    private void downAndCheckNothingIsLeft() {
        String networkId = commands.run(Duration.ofSeconds(20), List.of("docker", "network", "inspect", PROJECT + "_default",
                "--format", "{{.Id}}")).output().trim();
        compose(Duration.ofMinutes(3), "down", "-v", "--remove-orphans");
        String label = "label=com.docker.compose.project=" + PROJECT;
        assertThat(commands.check(Duration.ofSeconds(20), List.of("docker", "ps", "-aq", "--filter", label))).as("containers left").isBlank();
        assertThat(commands.check(Duration.ofSeconds(20), List.of("docker", "network", "ls", "-q", "--filter", label))).as("networks left").isBlank();
        assertThat(commands.check(Duration.ofSeconds(20), List.of("docker", "volume", "ls", "-q", "--filter", label))).as("volumes left").isBlank();
        assertThat(networkId).as("the network's id, before down").hasSizeGreaterThan(12);
        assertThat(linkExists("br-" + networkId.substring(0, 12))).as("the compose network's bridge is gone").isFalse();
    }

    private void stopEngineAndCheckNothingIsLeft() {
        commands.check(Duration.ofMinutes(2), List.of("scripts/docker-engine", "stop"));
        assertThat(commands.run(Duration.ofSeconds(20), List.of("docker", "version")).output()).as("no engine answers")
                .doesNotContain("Server:");
        assertThat(linkExists("calsync0")).as("the engine's bridge calsync0 is gone").isFalse();
        // the engine's daemons name its data (var/docker) or exec root (/run/calsync-docker) on their command lines
        assertThat(ProcessHandle.allProcesses().map(process -> process.info().commandLine().orElse(""))
                .filter(line -> line.contains(ROOT.resolve("var/docker").toString()) || line.contains("/run/calsync-docker")))
                .as("no dockerd, containerd or shim of the engine runs").isEmpty();
    }

    private boolean linkExists(String name) {
        return commands.run(Duration.ofSeconds(10), List.of("ip", "link", "show", name)).succeeded();
    }

    private void awaitHealthy(int containers) {
        await().atMost(HEALTHY_WITHIN).pollInterval(Duration.ofSeconds(2))
                .alias(containers + " containers of " + PROJECT + " healthy")
                .until(() -> {
                    List<String> states = healthStates();
                    assertThat(states).as("health of the containers (%s)", TARGET.resolve("compose-stack-containers.log"))
                            .doesNotContain("unhealthy");
                    return states.size() == containers && states.stream().allMatch("healthy"::equals);
                });
    }

    private List<String> healthStates() {
        List<String> ids = containerIds(null);
        if (ids.isEmpty()) {
            return List.of();
        }
        List<String> command = new ArrayList<>(List.of("docker", "inspect", "--format", "{{if .State.Health}}{{.State.Health.Status}}{{else}}none{{end}}"));
        command.addAll(ids);
        return Arrays.stream(commands.check(Duration.ofSeconds(20), command).split("\n")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    /** The project's running containers, of one service when {@code serviceLabel} says which. */
    private List<String> containerIds(String serviceLabel) {
        List<String> command = new ArrayList<>(List.of("docker", "ps", "-q", "--filter", "label=com.docker.compose.project=" + PROJECT));
        if (serviceLabel != null) {
            command.addAll(List.of("--filter", "label=" + serviceLabel));
        }
        return Arrays.stream(commands.check(Duration.ofSeconds(20), command).split("\n")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    private String compose(Duration timeout, String... arguments) {
        return commands.check(timeout, composeCommand(arguments));
    }

    private List<String> composeCommand(String... arguments) {
        List<String> command = new ArrayList<>(compose == null ? List.of("docker-compose") : compose);
        command.addAll(List.of("-p", PROJECT, "-f", ROOT.resolve("docker-compose.yml").toString()));
        command.addAll(List.of(arguments));
        return command;
    }

    private void keepTheContainersLogs() {
        if (compose == null) {
            return;
        }
        Commands.Result logs = commands.run(Duration.ofMinutes(1), composeCommand("logs", "--no-color", "--tail", "60"));
        Commands.Result states = commands.run(Duration.ofSeconds(20), composeCommand("ps"));
        try {
            Files.writeString(TARGET.resolve("compose-stack-containers.log"), states.output() + "\n" + logs.output());
        } catch (IOException e) {
            // the failure itself is what matters; its logs are a help
            System.err.println("could not keep the containers' logs: " + e.getMessage());
        }
    }

    private void writeTimings() throws IOException {
        StringBuilder text = new StringBuilder();
        timings.forEach((step, took) -> text.append(String.format("%-50s %6.1f s%n", step, took.toMillis() / 1000.0)));
        Files.writeString(TARGET.resolve("compose-stack-timings.txt"), text);
        System.out.print(text);
    }

    private interface Step {
        void run() throws Exception;
    }

    private void step(String name, Step step) throws Exception {
        long started = System.nanoTime();
        step.run();
        timings.put(name, Duration.ofNanos(System.nanoTime() - started));
    }

    private static boolean answers(int port) {
        try (Socket ignored = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException refused) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
