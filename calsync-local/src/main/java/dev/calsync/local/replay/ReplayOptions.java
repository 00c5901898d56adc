package dev.calsync.local.replay;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code ./calsync replay} was asked to do:
 * {@code --service NAME --topic TOPIC (--to-earliest | --to-datetime T | --by-duration D) [--dry-run]
 * --management-url URL --bootstrap-server HOST:PORT --secrets-dir DIR [--timeout D]}. The script fills in the
 * last three (and the management URL from its port table when none is given).
 */
public record ReplayOptions(String service, String topic, ResetTarget target, boolean dryRun, URI managementUrl,
                            String bootstrapServers, Path secretsDirectory, Duration lagTimeout) {

    static final Duration DEFAULT_LAG_TIMEOUT = Duration.ofMinutes(10);

    public static final String USAGE = """
            usage: ./calsync replay --service NAME --topic TOPIC (--to-earliest | --to-datetime T | --by-duration D)
                                    [--dry-run] [--management-url URL] [--timeout D]
              NAME  the service whose consumer group re-reads the topic (its group has the service's name)
              T     an ISO-8601 time with offset, e.g. 2026-12-01T08:00:00Z
              D     an ISO-8601 duration, e.g. PT2H or P1D
              URL   the management (Actuator) address of the instance to stop, default http://127.0.0.1:<its port + 1000>
              --timeout  how long to wait for the lag to reach 0 after the reset (default PT10M)""";

    /** The command line is wrong: the message says what, and the usage follows it. */
    public static final class UsageException extends Exception {
        UsageException(String message) {
            super(message);
        }
    }

    public static ReplayOptions parse(String... args) throws UsageException {
        String service = null;
        String topic = null;
        String managementUrl = null;
        String bootstrap = null;
        String secrets = null;
        Duration timeout = DEFAULT_LAG_TIMEOUT;
        boolean dryRun = false;
        List<ResetTarget> targets = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            switch (option) {
                case "--service" -> service = value(args, ++i, option);
                case "--topic" -> topic = value(args, ++i, option);
                case "--management-url" -> managementUrl = value(args, ++i, option);
                case "--bootstrap-server" -> bootstrap = value(args, ++i, option);
                case "--secrets-dir" -> secrets = value(args, ++i, option);
                case "--timeout" -> timeout = duration(value(args, ++i, option), option);
                case "--dry-run" -> dryRun = true;
                case "--to-earliest" -> targets.add(new ResetTarget.Earliest());
                case "--to-datetime" -> targets.add(new ResetTarget.AtTime(time(value(args, ++i, option))));
                case "--by-duration" -> targets.add(new ResetTarget.ByDuration(duration(value(args, ++i, option), option)));
                default -> throw new UsageException("unknown option " + option);
            }
        }
        require(service, "--service");
        require(topic, "--topic");
        require(managementUrl, "--management-url");
        require(bootstrap, "--bootstrap-server");
        require(secrets, "--secrets-dir");
        if (targets.size() != 1) {
            throw new UsageException("give exactly one of --to-earliest, --to-datetime, --by-duration");
        }
        URI management;
        try {
            management = URI.create(managementUrl.replaceAll("/+$", ""));
        } catch (IllegalArgumentException e) {
            throw new UsageException("--management-url is not a URL: " + managementUrl);
        }
        if (management.getScheme() == null || management.getHost() == null) {
            throw new UsageException("--management-url must look like http://host:port: " + managementUrl);
        }
        return new ReplayOptions(service, topic, targets.get(0), dryRun, management, bootstrap, Path.of(secrets), timeout);
    }

    private static String value(String[] args, int index, String option) throws UsageException {
        if (index >= args.length || args[index].startsWith("--")) {
            throw new UsageException(option + " needs a value");
        }
        return args[index];
    }

    private static void require(String value, String option) throws UsageException {
        if (value == null || value.isBlank()) {
            throw new UsageException(option + " is required");
        }
    }

    private static Instant time(String value) throws UsageException {
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw new UsageException("--to-datetime needs an ISO-8601 time with an offset (2026-12-01T08:00:00Z): " + value);
        }
    }

    private static Duration duration(String value, String option) throws UsageException {
        try {
            Duration duration = Duration.parse(value);
            if (duration.isNegative() || duration.isZero()) {
                throw new UsageException(option + " needs a positive duration (PT2H, P1D): " + value);
            }
            return duration;
        } catch (DateTimeParseException e) {
            throw new UsageException(option + " needs an ISO-8601 duration (PT2H, P1D): " + value);
        }
    }
}
