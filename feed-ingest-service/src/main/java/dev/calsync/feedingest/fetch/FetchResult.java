package dev.calsync.feedingest.fetch;

import java.nio.charset.Charset;

/** What one conditional GET of a feed gave. */
public sealed interface FetchResult {

    /** A new body, with the validators for the next conditional GET. */
    record Fetched(byte[] body, Charset charset, String etag, String lastModified) implements FetchResult {
    }

    /** {@code 304}: nothing to parse, nothing to emit. */
    record NotModified() implements FetchResult {
    }

    /** Refused or failed; {@code reason} is for the person's page and never holds the URL's path or query. */
    record Failed(String reason) implements FetchResult {
    }
}
