package dev.calsync.systemtests.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.calsync.contracts.Topics;
import dev.calsync.systemtests.actors.FeedServer;
import dev.calsync.systemtests.actors.GoogleEmulatorAdmin;
import dev.calsync.systemtests.actors.Person;
import dev.calsync.systemtests.harness.ConsumerGroups;
import dev.calsync.systemtests.harness.Service;
import dev.calsync.systemtests.harness.SystemStack;
import dev.calsync.systemtests.harness.WithSystemStack;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * docs/operations.md as an operator follows it: every {@code ```sh} block runs, in the page's order, in its own
 * {@code bash -eu -o pipefail} from the repository's root against the system as processes, with the page's
 * placeholders exported as the stack's values, and must exit 0 and print each of its {@code # expect:} lines.
 * A block without an expectation, a placeholder the page's table does not list, or a command fence other than
 * {@code sh} fails the test: nothing on the page is skipped silently. Like an operator's machine, this one needs
 * {@code bash}, {@code curl} and {@code psql} on the PATH.
 */
@WithSystemStack
class OperationsRunbookIT {

    private static final Path RUNBOOK = Path.of("docs", "operations.md");
    private static final String PERSON = "alice@example.com";
    private static final String DLQ_TOPIC = Topics.FEED_SUBSCRIPTION + ".feed-ingest-service.dlq";
    private static final Duration BLOCK_WITHIN = Duration.ofMinutes(4);
    private static final String EXPECT = "# expect:";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$([A-Z][A-Z0-9_]*)");
    // a row of the page's placeholder table: | `$NAME`, `$OTHER` | meaning | value |
    private static final Pattern TABLE_ROW = Pattern.compile("^\\| (`\\$[A-Z0-9_]+`(?:, `\\$[A-Z0-9_]+`)*) \\|");

    static FeedServer publisher;
    static String feedId;
    static int runs;

    /** A block of the page: where it starts, its text and what it must print. */
    record Block(int line, String script, List<String> expectations) {
        String title() {
            String first = script.lines().filter(each -> !each.isBlank() && !each.startsWith("#")).findFirst().orElse("");
            return "line " + line + ": " + (first.length() > 90 ? first.substring(0, 90) + "…" : first);
        }
    }

    /**
     * What the blocks act on, made as a person and a consumer would make it: Alice's feed written into Google
     * (a feed to find and resync, writer and feed-ingest meters that exist) and an unreadable record waiting
     * in feed-ingest's dead-letter topic of {@code calsync.feed-subscription.v1}.
     */
    @BeforeAll
    static void somethingToOperateOn(SystemStack stack) throws Exception {
        publisher = FeedServer.start();
        String calendar = "runbook-" + UUID.randomUUID();
        feedId = Person.connect(stack, PERSON).addFeed(publisher.publish(calendar, FeedServer.simpleFeed(calendar, List.of("Runbook"))), calendar);
        GoogleEmulatorAdmin google = new GoogleEmulatorAdmin(stack.emulatorUrl());
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                .until(() -> google.liveEventSummaries(PERSON, calendar), List.of("Runbook")::equals);
        try (ConsumerGroups groups = new ConsumerGroups(stack)) {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                    .until(() -> groups.lag(Service.CALENDAR_WRITER.moduleName(), Topics.EVENT_CHANGED) == 0);
        }
        long before = endOffsets(stack, DLQ_TOPIC);
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(properties, new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(Topics.FEED_SUBSCRIPTION, null, "sub-" + UUID.randomUUID(),
                    "{not json".getBytes(StandardCharsets.UTF_8),
                    List.of(new RecordHeader("ce_type", "dev.calsync.feed-subscription.v1".getBytes(StandardCharsets.UTF_8))))).get();
        }
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> endOffsets(stack, DLQ_TOPIC) > before);
    }

    @AfterAll
    static void stopThePublisher() {
        if (publisher != null) {
            publisher.close();
        }
    }

    @Test
    void thePlaceholderTableListsExactlyWhatTheTestSets(SystemStack stack) throws IOException {
        Set<String> documented = new TreeSet<>();
        for (String line : Files.readAllLines(stack.root().resolve(RUNBOOK), StandardCharsets.UTF_8)) {
            Matcher row = TABLE_ROW.matcher(line);
            if (row.find()) {
                Matcher name = PLACEHOLDER.matcher(row.group(1));
                while (name.find()) {
                    documented.add(name.group(1));
                }
            }
        }
        assertThat(documented).isEqualTo(new TreeSet<>(placeholders(stack, stack.secretsDirectory()).keySet()));
    }

    @Test
    void everyCommandFenceIsAnShBlockWithAnExpectation(SystemStack stack) throws IOException {
        List<String> lines = Files.readAllLines(stack.root().resolve(RUNBOOK), StandardCharsets.UTF_8);
        // a ```bash or ```shell block would be a command the test never runs
        assertThat(lines).as("fences in %s", RUNBOOK)
                .noneMatch(line -> line.matches("\\s*```\\s*(bash|shell|console|zsh)\\s*"));
        List<Block> blocks = blocks(lines);
        assertThat(blocks).as("sh blocks in %s", RUNBOOK).isNotEmpty();
        assertThat(blocks).allSatisfy(block -> assertThat(block.expectations()).as("# expect: lines of the block at line %d", block.line())
                .isNotEmpty());
    }

    @TestFactory
    Stream<DynamicTest> everyShBlockRunsAgainstTheSystemAndPrintsWhatThePageSays(SystemStack stack) throws IOException {
        List<Block> blocks = blocks(Files.readAllLines(stack.root().resolve(RUNBOOK), StandardCharsets.UTF_8));
        return blocks.stream().map(block -> DynamicTest.dynamicTest(block.title(), () -> run(stack, block)));
    }

    private static void run(SystemStack stack, Block block) throws Exception {
        assertThat(block.expectations()).as("the block at line %d says what it prints (# expect:)", block.line()).isNotEmpty();
        int run = ++runs;
        Path directory = stack.root().resolve("calsync-system-tests/target/system");
        // a copy of the stack's secrets per block: rotations act on the copy, the running services keep theirs
        Path secrets = copyOfSecrets(stack, directory.resolve("runbook-secrets-" + run));
        Map<String, String> placeholders = placeholders(stack, secrets);
        Path output = directory.resolve("runbook-" + run + ".out");
        ProcessBuilder builder = new ProcessBuilder("bash", "-eu", "-o", "pipefail", "-c", block.script())
                .directory(stack.root().toFile()).redirectErrorStream(true).redirectOutput(output.toFile());
        // only what the page documents: a developer's own settings must not decide where the commands go
        builder.environment().keySet().removeIf(variable -> Stream.of("KAFKA_", "CALSYNC_", "POSTGRES_", "GOOGLE_", "TOKEN_", "FEED_",
                "OAUTH_", "WRITER_", "PERSON_", "DLQ_", "PG", "SPRING_").anyMatch(variable::startsWith) || variable.equals("JAVA_TOOL_OPTIONS"));
        builder.environment().putAll(placeholders);
        long started = System.nanoTime();
        Process process = builder.start();
        if (!process.waitFor(BLOCK_WITHIN.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the block at line " + block.line() + " did not end within " + BLOCK_WITHIN + "; output in " + output);
        }
        String printed = Files.readString(output, StandardCharsets.UTF_8);
        System.out.printf("runbook block at line %d: exit %d after %.1f s%n", block.line(), process.exitValue(), (System.nanoTime() - started) / 1e9);
        String described = "the block at line " + block.line() + ":\n" + block.script() + "\n--- printed (" + output + ")\n" + printed;
        assertThat(process.exitValue()).as(described).isZero();
        for (String expectation : block.expectations()) {
            assertThat(printed).as(described).contains(expand(expectation, placeholders, block));
        }
        assertThat(printed).as("never the service credential").doesNotContain(stack.serviceCredential());
    }

    /** Every placeholder the page's table lists, as the stack has it. */
    private static Map<String, String> placeholders(SystemStack stack, Path secrets) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("CALSYNC_SECRETS_DIR", secrets.toString());
        values.put("KAFKA_BOOTSTRAP_SERVERS", stack.bootstrapServers());
        values.put("POSTGRES_URL", stack.postgresUrl());
        values.put("POSTGRES_USER", SystemStack.POSTGRES_USER);
        values.put("POSTGRES_PASSWORD", SystemStack.POSTGRES_PASSWORD);
        values.put("GOOGLE_ISSUER", stack.emulatorUrl().toString());
        values.put("GOOGLE_CALENDAR_ROOT_URL", stack.emulatorUrl() + "/");
        values.put("FEED_INGEST_URL", stack.apiUrl(Service.FEED_INGEST).toString());
        values.put("OAUTH_MANAGEMENT_URL", stack.managementUrl(Service.OAUTH).toString());
        values.put("TOKEN_MANAGEMENT_URL", stack.managementUrl(Service.TOKEN).toString());
        values.put("FEED_INGEST_MANAGEMENT_URL", stack.managementUrl(Service.FEED_INGEST).toString());
        values.put("WRITER_MANAGEMENT_URL", stack.managementUrl(Service.CALENDAR_WRITER).toString());
        values.put("PERSON_EMAIL", PERSON);
        values.put("FEED_ID", feedId == null ? "" : feedId);
        values.put("DLQ_TOPIC", DLQ_TOPIC);
        return values;
    }

    /** The {@code ```sh} blocks in order; a fence left open is an error, not the end of the page. */
    static List<Block> blocks(List<String> lines) {
        List<Block> blocks = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).strip().equals("```sh")) {
                continue;
            }
            int start = i + 1;
            int end = start;
            while (end < lines.size() && !lines.get(end).strip().equals("```")) {
                end++;
            }
            assertThat(end).as("the sh block at line %d is closed", start).isLessThan(lines.size());
            List<String> body = lines.subList(start, end);
            List<String> expectations = body.stream().map(String::strip).filter(line -> line.startsWith(EXPECT))
                    .map(line -> line.substring(EXPECT.length()).strip()).filter(line -> !line.isEmpty()).toList();
            blocks.add(new Block(start, String.join("\n", body) + "\n", expectations));
            i = end;
        }
        return blocks;
    }

    private static String expand(String expectation, Map<String, String> placeholders, Block block) {
        Matcher name = PLACEHOLDER.matcher(expectation);
        StringBuilder expanded = new StringBuilder();
        while (name.find()) {
            String value = placeholders.get(name.group(1));
            assertThat(value).as("placeholder $%s in an expectation of the block at line %d", name.group(1), block.line()).isNotNull();
            name.appendReplacement(expanded, Matcher.quoteReplacement(value));
        }
        return name.appendTail(expanded).toString();
    }

    private static Path copyOfSecrets(SystemStack stack, Path copy) throws IOException {
        Files.createDirectories(copy, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        try (Stream<Path> files = Files.list(stack.secretsDirectory())) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Files.copy(file, copy.resolve(file.getFileName()), StandardCopyOption.COPY_ATTRIBUTES, StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return copy;
    }

    private static long endOffsets(SystemStack stack, String topic) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()))) {
            int partitions = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().size();
            Map<TopicPartition, OffsetSpec> latest = new LinkedHashMap<>();
            for (int partition = 0; partition < partitions; partition++) {
                latest.put(new TopicPartition(topic, partition), OffsetSpec.latest());
            }
            return admin.listOffsets(latest).all().get().values().stream().mapToLong(info -> info.offset()).sum();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("cannot read the end offsets of " + topic, e);
        }
    }
}
