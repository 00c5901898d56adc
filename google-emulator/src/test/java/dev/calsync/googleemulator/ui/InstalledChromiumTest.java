package dev.calsync.googleemulator.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

class InstalledChromiumTest {

    private static final Map<String, String> BOTH = Map.of("chromium", "/opt/bin/chromium", "chromedriver", "/opt/bin/chromedriver");

    @Test
    void bothOnThePathAreUsedWhereverTheyAre() {
        assertThat(InstalledChromium.find(BOTH::get, true))
                .isEqualTo(new InstalledChromium("/opt/bin/chromium", "/opt/bin/chromedriver"));
    }

    @Test
    void aMissingBrowserSkipsTheTestUnlessItIsRequired() {
        Map<String, String> driverOnly = Map.of("chromedriver", "/opt/bin/chromedriver");
        assertThatThrownBy(() -> InstalledChromium.find(driverOnly::get, false)).isInstanceOf(TestAbortedException.class);
        assertThatThrownBy(() -> InstalledChromium.find(driverOnly::get, true)).isInstanceOf(AssertionFailedError.class)
                .hasMessageContaining("calsync.require.browser=true");
    }
}
