package dev.calsync.googleemulator.oauth;

import dev.calsync.googleemulator.directory.Directory;
import dev.calsync.googleemulator.html.HtmlText;
import dev.calsync.secrets.GoogleOAuthClients;
import java.time.Duration;
import java.util.Locale;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * The {@code picture} of the ID token and userinfo. Google points at {@code lh3.googleusercontent.com/a/…};
 * nothing here reaches that host, so the emulator serves a letter avatar under the same path shape.
 */
@RestController
public class Avatars {

    private final Directory directory;

    public Avatars(Directory directory) {
        this.directory = directory;
    }

    static String pictureUrl(String baseUrl, String subject) {
        return baseUrl + "/a/" + subject + "=s96-c";
    }

    @GetMapping("/a/{picture}")
    public ResponseEntity<String> avatar(@PathVariable String picture) {
        String subject = picture.contains("=") ? picture.substring(0, picture.indexOf('=')) : picture;
        return directory.account(subject)
                .map(account -> ResponseEntity.ok()
                        .contentType(MediaType.valueOf("image/svg+xml"))
                        .cacheControl(CacheControl.maxAge(Duration.ofDays(1)))
                        .body(svg(account)))
                .orElseGet(() -> ResponseEntity.status(HttpStatus.NOT_FOUND).build());
    }

    private static String svg(GoogleOAuthClients.Account account) {
        String name = account.name() == null || account.name().isBlank() ? account.email() : account.name();
        String initial = HtmlText.escape(name.substring(0, 1).toUpperCase(Locale.ROOT));
        // a stable colour per account, so two test users look different
        int hue = Math.floorMod(account.sub().hashCode(), 360);
        return """
                <svg xmlns="http://www.w3.org/2000/svg" width="96" height="96" viewBox="0 0 96 96">\
                <circle cx="48" cy="48" r="48" fill="hsl(%d,55%%,45%%)"/>\
                <text x="48" y="62" font-family="Arial,sans-serif" font-size="44" fill="#fff" text-anchor="middle">%s</text>\
                </svg>""".formatted(hue, initial);
    }
}
