package dev.calsync.googleemulator.ui;

import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.os.ExecutableFinder;

/**
 * Chromium and ChromeDriver as a browser test finds them: on the PATH, as .ci/run looks for them
 * ({@code command -v chromium}). Where either is missing the test is skipped, unless the system property
 * {@value #REQUIRE} or the environment variable {@value #REQUIRE_ENV} is {@code true} (.ci/run sets the variable
 * after installing them): then a missing browser fails the test rather than letting it pass unseen.
 */
record InstalledChromium(String chromium, String chromedriver) {

    static final String REQUIRE = "calsync.require.browser";
    static final String REQUIRE_ENV = "CALSYNC_REQUIRE_BROWSER";

    static InstalledChromium find() {
        ExecutableFinder path = new ExecutableFinder();
        return find(path::find, Boolean.getBoolean(REQUIRE) || "true".equals(System.getenv(REQUIRE_ENV)));
    }

    /** @param onPath an executable's path by name, null when there is none */
    static InstalledChromium find(UnaryOperator<String> onPath, boolean required) {
        String chromium = onPath.apply("chromium");
        String chromedriver = onPath.apply("chromedriver");
        if (chromium == null || chromedriver == null) {
            String missing = "Chromium and ChromeDriver on the PATH (.ci/run installs them); found chromium=" + chromium
                    + ", chromedriver=" + chromedriver;
            if (required) {
                Assertions.fail(missing + ", and " + REQUIRE + "=true requires them");
            }
            Assumptions.abort(missing);
        }
        return new InstalledChromium(chromium, chromedriver);
    }
}
