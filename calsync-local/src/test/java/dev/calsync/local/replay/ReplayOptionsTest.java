package dev.calsync.local.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ReplayOptionsTest {

    private static final String[] WHERE = {"--management-url", "http://127.0.0.1:9084/", "--bootstrap-server", "127.0.0.1:9092",
        "--secrets-dir", ".secrets"};

    @Test
    void readsEachWayOfSayingWhereToGoBack() throws Exception {
        assertThat(parse("--to-earliest").target()).isInstanceOf(ResetTarget.Earliest.class);
        assertThat(parse("--to-datetime", "2026-12-01T08:00:00+01:00").target().time(Instant.EPOCH))
                .isEqualTo(Instant.parse("2026-12-01T07:00:00Z"));
        assertThat(parse("--by-duration", "P1D").target().time(Instant.parse("2026-12-02T00:00:00Z")))
                .isEqualTo(Instant.parse("2026-12-01T00:00:00Z"));
        ReplayOptions options = parse("--by-duration", "PT2H", "--dry-run", "--timeout", "PT30S");
        assertThat(options.dryRun()).isTrue();
        assertThat(options.lagTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(options.managementUrl()).isEqualTo(URI.create("http://127.0.0.1:9084"));
        assertThat(parse("--to-earliest").lagTimeout()).isEqualTo(ReplayOptions.DEFAULT_LAG_TIMEOUT);
    }

    @Test
    void refusesAnythingAmbiguousOrMissing() {
        assertThatThrownBy(() -> parse()).hasMessageContaining("exactly one of --to-earliest, --to-datetime, --by-duration");
        assertThatThrownBy(() -> parse("--to-earliest", "--by-duration", "PT1H")).hasMessageContaining("exactly one");
        assertThatThrownBy(() -> parse("--to-datetime", "yesterday")).hasMessageContaining("ISO-8601 time with an offset");
        assertThatThrownBy(() -> parse("--to-datetime", "2026-12-01T08:00:00")).hasMessageContaining("with an offset");
        assertThatThrownBy(() -> parse("--by-duration", "-PT1H")).hasMessageContaining("positive duration");
        assertThatThrownBy(() -> parse("--to-earliest", "--force")).hasMessageContaining("unknown option --force");
        assertThatThrownBy(() -> ReplayOptions.parse("--topic", "t", "--to-earliest")).hasMessageContaining("--service is required");
        assertThatThrownBy(() -> parse("--to-earliest", "--timeout")).hasMessageContaining("--timeout needs a value");
    }

    private static ReplayOptions parse(String... target) throws ReplayOptions.UsageException {
        String[] args = new String[4 + WHERE.length + target.length];
        System.arraycopy(new String[] {"--service", "calendar-writer-service", "--topic", "calsync.event-changed.v1"}, 0, args, 0, 4);
        System.arraycopy(WHERE, 0, args, 4, WHERE.length);
        System.arraycopy(target, 0, args, 4 + WHERE.length, target.length);
        return ReplayOptions.parse(args);
    }
}
