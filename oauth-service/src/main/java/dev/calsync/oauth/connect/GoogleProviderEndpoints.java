package dev.calsync.oauth.connect;

import java.net.URI;

/**
 * Google's OAuth endpoints, configured explicitly rather than discovered at start (a service must start
 * while Google is unreachable). For Google's own issuer they are Google's published hosts (GOOGLE.md §9);
 * for any other issuer (the emulator) they hang off the issuer's base URL, as its discovery says.
 */
public record GoogleProviderEndpoints(String issuer, String authorization, String token, String jwks, String revoke) {

    private static final String GOOGLE_ISSUER = "https://accounts.google.com";

    public static GoogleProviderEndpoints of(URI issuerUri) {
        String issuer = issuerUri.toString().replaceAll("/+$", "");
        if (issuer.equals(GOOGLE_ISSUER)) {
            return new GoogleProviderEndpoints(issuer, GOOGLE_ISSUER + "/o/oauth2/v2/auth",
                    "https://oauth2.googleapis.com/token", "https://www.googleapis.com/oauth2/v3/certs",
                    "https://oauth2.googleapis.com/revoke");
        }
        return new GoogleProviderEndpoints(issuer, issuer + "/o/oauth2/v2/auth", issuer + "/token",
                issuer + "/oauth2/v3/certs", issuer + "/revoke");
    }

    /**
     * Whether an ID token's {@code iss} names this issuer. Google writes it with or without the scheme
     * ({@code https://accounts.google.com} or {@code accounts.google.com}, GOOGLE.md §9); nothing else matches.
     */
    public boolean isIssuer(String iss) {
        return issuer.equals(iss) || bareIssuer().equals(iss);
    }

    /** The issuer without its scheme, as Google sometimes writes it in {@code iss}. */
    public String bareIssuer() {
        return issuer.replaceFirst("^https?://", "");
    }
}
