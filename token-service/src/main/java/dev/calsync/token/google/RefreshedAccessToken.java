package dev.calsync.token.google;

import java.time.Duration;

/** What Google's token endpoint answered to a refresh; {@code toString} leaves the token out. */
public record RefreshedAccessToken(String accessToken, Duration expiresIn) {
    @Override
    public String toString() {
        return "RefreshedAccessToken[expiresIn=" + expiresIn + "]";
    }
}
