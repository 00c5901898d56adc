package dev.calsync.feedingest.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TimeZoneResolverTest {

    final TimeZoneResolver resolver = new TimeZoneResolver(List.of(), new ArrayList<>(), 2026);

    @Test
    void everyWindowsNameMapsToAZoneThisJvmKnows() {
        assertThat(WindowsZoneNames.TO_IANA.values()).allSatisfy(zone -> assertThat(ZoneId.getAvailableZoneIds()).contains(zone));
    }

    @Test
    void ianaWindowsAndVendorPrefixedNamesResolve() {
        assertThat(resolver.resolve("Europe/Berlin")).hasValue("Europe/Berlin");
        assertThat(resolver.resolve("W. Europe Standard Time")).hasValue("Europe/Berlin");
        assertThat(resolver.resolve("/mozilla.org/20050126_1/America/New_York")).hasValue("America/New_York");
        assertThat(resolver.resolve("Mars/Olympus_Mons")).isEmpty();
    }
}
