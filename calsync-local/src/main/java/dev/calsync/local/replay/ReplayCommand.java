package dev.calsync.local.replay;

import dev.calsync.secrets.SecretName;
import dev.calsync.secrets.SecretStore;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/**
 * {@code ./calsync replay}: makes one service's consumer group read a topic again from an earlier point.
 *
 * <p>Kafka resets a group's offsets only while the group has no member, and a service's group has a member
 * per input binding (calendar-writer-service's group reads two topics): stopping one binding is not enough,
 * and {@code kafka-consumer-groups --reset-offsets} refuses a group that is not empty yet exits 0. So this
 * command stops every input binding of the group on the instance it is pointed at, and then any member still in
 * the group belongs to another instance: it refuses, naming them. Otherwise it prints the plan, resets (unless
 * {@code --dry-run}), starts the bindings again and waits until the group's lag is 0. Every refusal exits 1 with
 * a message; bindings it stopped are started again whatever happens.
 */
public final class ReplayCommand {

    static final int REFUSED = 1;
    static final int USAGE = 2;
    private static final Duration SETTLE_WITHIN = Duration.ofSeconds(30);
    private static final Duration POLL = Duration.ofMillis(500);

    private final ReplayOptions options;
    private final PrintStream out;

    ReplayCommand(ReplayOptions options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    public static void main(String[] args) {
        // the Kafka client's own lines (a "could not connect" per retry) would bury the answer; the command says what failed
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", System.getProperty("calsync.replay.log.level", "error"));
        ReplayOptions options;
        try {
            options = ReplayOptions.parse(args);
        } catch (ReplayOptions.UsageException e) {
            System.err.println("calsync replay: " + e.getMessage());
            System.err.println(ReplayOptions.USAGE);
            System.exit(USAGE);
            return;
        }
        try {
            new ReplayCommand(options, System.out).run();
            System.exit(0);
        } catch (ReplayRefused e) {
            System.err.println("calsync replay: refused: " + e.getMessage());
            System.exit(REFUSED);
        } catch (org.apache.kafka.common.KafkaException e) {
            // the broker unreachable, a timeout: the operator needs the reason, not the stack
            System.err.println("calsync replay: failed: " + e.getMessage() + (e.getCause() == null ? "" : " (" + e.getCause().getMessage() + ")")
                    + "; bindings it had stopped may need POST <management URL>/actuator/bindings/<name> {\"state\":\"STARTED\"}");
            System.exit(REFUSED);
        }
    }

    void run() throws ReplayRefused {
        String group = options.service();
        String credential = SecretStore.fromDirectory(options.secretsDirectory()).find(SecretName.SERVICE_CREDENTIAL)
                .orElseThrow(() -> new ReplayRefused("no service credential: neither " + options.secretsDirectory()
                        .resolve(SecretName.SERVICE_CREDENTIAL.fileName()) + " nor CALSYNC_SECRET_SERVICE_CREDENTIAL"));
        ServiceBindings bindings = new ServiceBindings(options.managementUrl(), credential);
        List<ServiceBindings.Binding> ofGroup = bindings.inputBindingsOf(group);
        if (ofGroup.isEmpty()) {
            throw new ReplayRefused("the instance at " + options.managementUrl() + " has no input binding in the consumer group "
                    + group + ": is it " + group + "'s management port?");
        }
        if (ofGroup.stream().noneMatch(binding -> binding.topic().equals(options.topic()))) {
            throw new ReplayRefused(group + " does not read " + options.topic() + "; its bindings read "
                    + ofGroup.stream().map(ServiceBindings.Binding::topic).distinct().sorted().toList());
        }

        try (ConsumerGroupOffsets kafka = new ConsumerGroupOffsets(options.bootstrapServers(), group, options.topic())) {
            List<ServiceBindings.Binding> stopped = new ArrayList<>();
            try {
                for (ServiceBindings.Binding binding : ofGroup) {
                    out.println("stopping " + binding.name() + " (" + binding.topic() + ") at " + options.managementUrl());
                    bindings.change(binding, "STOPPED");
                    stopped.add(binding);
                }
                refuseWhileOthersAreInTheGroup(kafka, group);
                List<TopicPartition> partitions = kafka.partitions();
                Map<Integer, Long> ends = kafka.ends(partitions);
                Map<Integer, Long> targets = options.target() instanceof ResetTarget.Earliest
                        ? kafka.earliest(partitions) : kafka.at(partitions, options.target().time(Instant.now()));
                ReplayPlan plan = ReplayPlan.of(group, options.topic(), kafka.committed(), kafka.earliest(partitions), targets, ends);
                out.println("plan: " + options.topic() + " to " + options.target());
                out.println(plan.table());
                if (options.dryRun()) {
                    out.println("dry run: no offset was changed");
                    return;
                }
                kafka.reset(plan.newOffsets());
                Instant reset = Instant.now();
                out.println("offsets of " + group + " reset");
                startAgain(bindings, stopped);
                awaitNoLag(kafka, plan, reset);
            } finally {
                startAgain(bindings, stopped);
            }
        }
    }

    /** After our bindings left, the group settles; a member left then is another instance's. */
    private void refuseWhileOthersAreInTheGroup(ConsumerGroupOffsets kafka, String group) throws ReplayRefused {
        Instant deadline = Instant.now().plus(SETTLE_WITHIN);
        ConsumerGroupOffsets.Membership membership = kafka.membership();
        while (!membership.members().isEmpty() && (!membership.settled() && Instant.now().isBefore(deadline))) {
            pause();
            membership = kafka.membership();
        }
        if (!membership.members().isEmpty()) {
            throw new ReplayRefused(membership.members().size() + " member(s) of another instance are still in the consumer group "
                    + group + " (" + membership.state() + "): " + String.join("; ", ConsumerGroupOffsets.describe(membership.members()))
                    + ". Kafka resets a group's offsets only while it has no member: stop that instance (or its bindings: POST"
                    + " <its management URL>/actuator/bindings/<name> {\"state\":\"STOPPED\"}), then run replay again."
                    + " Nothing was reset; the bindings stopped here run again.");
        }
    }

    private void awaitNoLag(ConsumerGroupOffsets kafka, ReplayPlan plan, Instant reset) throws ReplayRefused {
        Map<Integer, Long> ends = new java.util.HashMap<>();
        plan.partitions().forEach(partition -> ends.put(partition.partition(), partition.end()));
        Instant deadline = Instant.now().plus(options.lagTimeout());
        long lag = kafka.lag(ends);
        while (lag > 0) {
            if (Instant.now().isAfter(deadline)) {
                throw new ReplayRefused("the lag of " + plan.group() + " on " + plan.topic() + " is still " + lag + " record(s) after "
                        + options.lagTimeout() + "; the bindings run again: see the service's log and its dead-letter topic");
            }
            pause();
            lag = kafka.lag(ends);
        }
        out.printf("replayed: %s is at the end of %s again (lag 0) %.1f s after the reset%n", plan.group(), plan.topic(),
                Duration.between(reset, Instant.now()).toMillis() / 1000.0);
    }

    /** Starts what this command stopped, once; a failure here is the one thing an operator must fix by hand. */
    private void startAgain(ServiceBindings bindings, List<ServiceBindings.Binding> stopped) throws ReplayRefused {
        List<String> failed = new ArrayList<>();
        for (ServiceBindings.Binding binding : List.copyOf(stopped)) {
            try {
                bindings.change(binding, "STARTED");
                out.println("started " + binding.name() + " again");
                stopped.remove(binding);
            } catch (ReplayRefused e) {
                failed.add(binding.name() + " (" + e.getMessage() + ")");
            }
        }
        if (!failed.isEmpty()) {
            throw new ReplayRefused("could not start again " + String.join(", ", failed) + ": start them by hand, POST "
                    + bindings.managementUrl() + "/actuator/bindings/<name> {\"state\":\"STARTED\"}");
        }
    }

    private static void pause() throws ReplayRefused {
        try {
            Thread.sleep(POLL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ReplayRefused("interrupted", e);
        }
    }
}
