package dev.calsync.googleemulator.html;

import java.nio.charset.StandardCharsets;
import org.springframework.web.util.HtmlUtils;

/**
 * Escapes text and attribute values for the emulator's HTML pages (the consent page, the calendar view);
 * every dynamic value goes through here. The escaping is Spring's ({@code & < > " '}); this class only fixes
 * the two choices each page would otherwise repeat: the pages are UTF-8, so no other character becomes an
 * entity (Spring's one-argument form would turn "–" into {@code &ndash;}), and an absent value is empty text.
 */
public final class HtmlText {

    private HtmlText() {
    }

    public static String escape(String text) {
        return text == null ? "" : HtmlUtils.htmlEscape(text, StandardCharsets.UTF_8.name());
    }
}
