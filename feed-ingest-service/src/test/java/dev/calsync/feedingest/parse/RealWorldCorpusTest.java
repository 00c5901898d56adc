package dev.calsync.feedingest.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The real-world corpus (docs/feeds.md): about 250 {@code .ics} files from the test suites of independent
 * iCalendar implementations, each read by calsync, expanded the way Google (its emulator) expands series,
 * and compared with what an independent reader (python-recurring-ical-events, not ical4j) shows in the
 * same window — the {@code .expected} file beside it. Prints files exact / total and occurrences matched /
 * expected; every file that differs must be explained in {@code KNOWN-DIFFERENCES.md} (and docs/feeds.md).
 */
class RealWorldCorpusTest {

    /** calsync's default zone for floating times; the expectations read them in UTC too. */
    static final java.time.ZoneId DEFAULT_ZONE = java.time.ZoneId.of("UTC");

    /** Part of the expected occurrences that must land; the rest is explained file by file. */
    static final double REQUIRED_SHARE = 0.99;

    record FileResult(String file, int expected, int matched, int extra, List<String> missing, List<String> extras,
                      List<String> warnings) {

        boolean exact() {
            return matched == expected && extra == 0;
        }
    }

    @Test
    void occurrencesLandAsTheIndependentReadingSays() throws Exception {
        Path folder = Path.of(RealWorldCorpusTest.class.getResource("/real-world").toURI());
        List<FileResult> results = new ArrayList<>();
        int unreadableByReference = 0;
        List<Path> files;
        try (Stream<Path> listing = Files.list(folder)) {
            files = listing.filter(p -> p.toString().endsWith(".ics")).sorted().toList();
        }
        for (Path ics : files) {
            List<String> expectation = Files.readAllLines(Path.of(ics.toString().replace(".ics", ".expected")), StandardCharsets.UTF_8);
            if (expectation.stream().anyMatch(line -> line.startsWith("unreadable "))) {
                unreadableByReference++; // no independent reading to compare with; still parsed, below, for crashes
                parse(ics);
                continue;
            }
            results.add(compare(ics, expectation));
        }
        int expected = results.stream().mapToInt(FileResult::expected).sum();
        int matched = results.stream().mapToInt(FileResult::matched).sum();
        int extra = results.stream().mapToInt(FileResult::extra).sum();
        long exact = results.stream().filter(FileResult::exact).count();
        List<String> differing = new ArrayList<>();
        for (FileResult result : results) {
            if (!result.exact()) {
                differing.add(result.file());
                System.out.println("differs " + result.file() + ": " + result.matched() + "/" + result.expected() + " matched, "
                        + result.extra() + " extra; missing e.g. " + result.missing().stream().limit(3).toList()
                        + "; extra e.g. " + result.extras().stream().limit(3).toList() + "; calsync's warnings " + result.warnings());
            }
        }
        System.out.printf("real-world corpus: %d/%d files exact (%d more unreadable by the reference reader), "
                        + "%d/%d occurrences matched (%.2f %%), %d extra%n",
                exact, results.size(), unreadableByReference, matched, expected, 100.0 * matched / expected, extra);

        assertThat(files).hasSizeGreaterThanOrEqualTo(150);
        assertThat((double) matched / expected).isGreaterThanOrEqualTo(REQUIRED_SHARE);
        assertThat(differing).as("files that differ from the independent reading without an explanation in KNOWN-DIFFERENCES.md")
                .isSubsetOf(explained(folder));
    }

    private static ParsedFeed parse(Path ics) throws IOException {
        try {
            return new IcsFeedParser(DEFAULT_ZONE, 2026).parse(FeedText.reader(Files.readAllBytes(ics), StandardCharsets.UTF_8));
        } catch (FeedParseException refused) {
            return new ParsedFeed(List.of(), List.of(refused.getMessage()), List.of());
        }
    }

    private static FileResult compare(Path ics, List<String> expectation) throws IOException {
        String[] window = expectation.stream().filter(l -> l.startsWith("window ")).findFirst().orElseThrow().split(" ");
        Instant from = Instant.parse(window[1]);
        Instant to = Instant.parse(window[2]);
        List<String> wanted = expectation.stream().filter(l -> l.contains(" | ")).toList();
        ParsedFeed feed = parse(ics);
        List<String> shown = GoogleView.occurrences(feed.events(), from, to);
        Map<String, Integer> remaining = new HashMap<>();
        wanted.forEach(line -> remaining.merge(line, 1, Integer::sum));
        List<String> extras = new ArrayList<>();
        int matched = 0;
        for (String line : shown) {
            Integer left = remaining.get(line);
            if (left != null && left > 0) {
                remaining.put(line, left - 1);
                matched++;
            } else {
                extras.add(line);
            }
        }
        List<String> missing = new ArrayList<>();
        new TreeMap<>(remaining).forEach((line, left) -> {
            for (int i = 0; i < left; i++) {
                missing.add(line);
            }
        });
        return new FileResult(ics.getFileName().toString(), wanted.size(), matched, extras.size(), missing, extras,
                feed.statusWarnings());
    }

    /** File names listed (as {@code ## <file>} headings) in KNOWN-DIFFERENCES.md. */
    private static List<String> explained(Path folder) throws IOException {
        Path known = folder.resolve("KNOWN-DIFFERENCES.md");
        if (!Files.exists(known)) {
            return List.of();
        }
        return Files.readAllLines(known, StandardCharsets.UTF_8).stream()
                .filter(l -> l.startsWith("## ")).map(l -> l.substring(3).strip()).toList();
    }
}
