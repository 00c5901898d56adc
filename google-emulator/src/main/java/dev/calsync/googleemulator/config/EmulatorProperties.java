package dev.calsync.googleemulator.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Everything about the emulator a test or an operator may change. Defaults are the behaviour Google's API
 * and OAuth documentation describe; switches choose the alternative where Google's behaviour is unverified
 * or conflicting.
 *
 * @param seedFile the OAuth clients and test accounts ({@code google-oauth-clients.json})
 * @param issuer   the OpenID Connect issuer; empty = the emulator's own base URL as the caller reached it
 */
@ConfigurationProperties("emulator")
public record EmulatorProperties(
        Path seedFile,
        URI issuer,
        @DefaultValue Admin admin,
        @DefaultValue Ui ui,
        @DefaultValue Tokens tokens,
        @DefaultValue Quota quota,
        @DefaultValue Switches switches) {

    /** @param enabled the admin API under {@code /emulator/admin}: faults, clock, inspection, reset */
    public record Admin(@DefaultValue("false") boolean enabled) {
    }

    /**
     * @param enabled the read-only calendar view for people under {@code /emulator/ui}: each account's calendars
     *                as an agenda and a week grid; shows calendar and event content, never a secret
     */
    public record Ui(@DefaultValue("false") boolean enabled) {
    }

    public record Tokens(
            @DefaultValue("10m") Duration codeLifetime,
            @DefaultValue("3599s") Duration accessTokenLifetime,
            /* refresh tokens of clients in "testing" status with calendar scopes */
            @DefaultValue("7d") Duration testingRefreshTokenLifetime,
            @DefaultValue("180d") Duration unusedRefreshTokenLifetime,
            @DefaultValue("100") int maxRefreshTokensPerAccountAndClient) {
    }

    /**
     * @param window            the sliding window of the request limits: Google's is a minute; a test may shrink it
     *                          (say to 6 s, with the limits divided by 10) so quota scenarios take seconds
     * @param perUserPerWindow  Calendar requests per user within the window (Google: 600 a minute)
     * @param perProjectPerWindow Calendar requests per project within the window (Google: 10,000 a minute)
     * @param maxBatchSize      the largest batch envelope the emulator reads into memory (Google documents none)
     */
    public record Quota(
            @DefaultValue("1m") Duration window,
            @DefaultValue("600") int perUserPerWindow,
            @DefaultValue("10000") int perProjectPerWindow,
            /* Google's abuse limits, scaled down where a test needs them: creations per window */
            @DefaultValue("60") int calendarsCreatedPerWindow,
            @DefaultValue("100000") int eventsCreatedPerWindow,
            @DefaultValue("1h") Duration creationWindow,
            /* how long "Calendar usage limits exceeded." lasts once triggered */
            @DefaultValue("3h") Duration usageLimitLockout,
            @DefaultValue("1000") int maxBatchParts,
            /* the batch envelope's size: Google documents none; this bounds what a batch holds in memory */
            @DefaultValue("8MB") DataSize maxBatchSize) {
    }

    /**
     * @param tombstoneUpdate           updating a deleted event: FORBIDDEN_403 (default: Google refuses it for events
     *                                  deleted in its UI, and a client must never count on reviving one) or UNDELETE
     * @param detailedInvalidGrant      "Malformed auth code." etc. instead of "Bad Request" on code errors
     * @param rateLimitStatus           how project/calendar rate limits answer: 429 (default) or 403
     * @param patchQuotaUnits           quota units a patch costs (1 default; GOOGLE.md: possibly 3)
     * @param desktopAlwaysGetsRefreshToken every Desktop-client code exchange returns a refresh token (default);
     *                                  false = the web rule (offline and first consent or prompt=consent)
     * @param bareIdTokenIssuer         ID tokens say {@code iss} without the scheme ("accounts.google.com" style)
     * @param mobileAzpIsAppClient      a serverAuthCode's ID token has azp = the app client (default); false = azp = aud
     * @param unknownClientDescription  token endpoint's error_description for an unknown client
     * @param revokedRefreshTokenBadRequestAfter unset (default): a dead refresh token always gives "Token has been
     *                                  expired or revoked."; set: "Bad Request" once it has been dead this long
     * @param promptNoneError           what {@code prompt=none} redirects with (the emulator has no signed-in session):
     *                                  INTERACTION_REQUIRED (default, Google as observed: {@code error=interaction_required}
     *                                  with {@code error_subtype=access_denied}) or LOGIN_REQUIRED (OIDC Core 3.1.2.6)
     */
    public record Switches(
            @DefaultValue("FORBIDDEN_403") TombstoneUpdate tombstoneUpdate,
            @DefaultValue("false") boolean detailedInvalidGrant,
            @DefaultValue("429") int rateLimitStatus,
            @DefaultValue("1") int patchQuotaUnits,
            @DefaultValue("true") boolean desktopAlwaysGetsRefreshToken,
            @DefaultValue("false") boolean bareIdTokenIssuer,
            @DefaultValue("true") boolean mobileAzpIsAppClient,
            @DefaultValue("The OAuth client was not found.") String unknownClientDescription,
            Duration revokedRefreshTokenBadRequestAfter,
            @DefaultValue("INTERACTION_REQUIRED") PromptNoneError promptNoneError) {
    }

    public enum TombstoneUpdate { UNDELETE, FORBIDDEN_403 }

    public enum PromptNoneError { INTERACTION_REQUIRED, LOGIN_REQUIRED }
}
