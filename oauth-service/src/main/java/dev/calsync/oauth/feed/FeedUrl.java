package dev.calsync.oauth.feed;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * A feed URL as a person typed it, validated: {@code http}, {@code https} or {@code webcal}, a host, at
 * most {@value #MAX_LENGTH} characters. Feed URLs are often secret links, so the full URL is never shown
 * back or logged: {@link #masked()} keeps the host and the first characters of the path.
 */
public final class FeedUrl {

    public static final int MAX_LENGTH = 2048;
    private static final int SHOWN_PATH_CHARACTERS = 6;

    private final String value;
    private final URI uri;

    private FeedUrl(String value, URI uri) {
        this.value = value;
        this.uri = uri;
    }

    /** @throws InvalidFeedException with a message for the person (never containing the URL) */
    public static FeedUrl parse(String raw) {
        if (raw == null || raw.isBlank()) {
            throw new InvalidFeedException("Enter the feed's address (it starts with https://, http:// or webcal://).");
        }
        String value = raw.strip();
        if (value.length() > MAX_LENGTH) {
            throw new InvalidFeedException("That address is too long (at most " + MAX_LENGTH + " characters).");
        }
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            throw new InvalidFeedException("That is not a valid web address.");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") && !scheme.equals("webcal")) {
            throw new InvalidFeedException("The address must start with https://, http:// or webcal://.");
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            throw new InvalidFeedException("The address has no host name (like calendar.example.com).");
        }
        return new FeedUrl(value, uri);
    }

    public String host() {
        return uri.getHost().toLowerCase(Locale.ROOT);
    }

    public String value() {
        return value;
    }

    /**
     * The form two addresses of the same feed share, to tell a feed added twice: {@code webcal} (which calendar
     * apps fetch over https) as {@code https}, scheme and host in lower case, the default port dropped, an
     * empty path as {@code /}, no fragment. Path and query stay as typed: servers may tell their case apart.
     */
    public String normalized() {
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        if (scheme.equals("webcal")) {
            scheme = "https";
        }
        int port = uri.getPort();
        boolean defaultPort = port == -1 || (scheme.equals("https") && port == 443) || (scheme.equals("http") && port == 80);
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        return scheme + "://" + host() + (defaultPort ? "" : ":" + port) + path
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    }

    /** e.g. {@code calendar.example.com/ical/…}: host and the first characters of the path. */
    public String masked() {
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        // never the whole path: at most half of it, and at most SHOWN_PATH_CHARACTERS
        int shownLength = path.length() <= 1 ? path.length() : Math.min(SHOWN_PATH_CHARACTERS, Math.max(1, path.length() / 2));
        String shown = path.substring(0, shownLength);
        boolean more = shownLength < path.length() || uri.getRawQuery() != null;
        return uri.getHost().toLowerCase(Locale.ROOT) + shown + (more ? "…" : "");
    }

    @Override
    public String toString() {
        return "FeedUrl[" + masked() + "]";
    }
}
