package dev.calsync.googleemulator.html;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HtmlTextTest {

    @Test
    void theFiveSpecialCharactersBecomeEntitiesAndNothingElse() {
        assertThat(HtmlText.escape("<a href=\"x\" title='y'>Tom & Jerry</a> – Müller")).isEqualTo(
                "&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;Tom &amp; Jerry&lt;/a&gt; – Müller");
        assertThat(HtmlText.escape(null)).isEmpty();
    }
}
