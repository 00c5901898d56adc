package dev.calsync.googleemulator.oauth;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * What an authorization code stands for until it is redeemed (once) at the token endpoint.
 *
 * @param clientId            the client that must redeem it (for a mobile serverAuthCode: the web client)
 * @param authorizedParty     the client that asked for it, the ID token's {@code azp} (the app client for mobile)
 * @param redirectUri         as sent to the authorization endpoint; empty for a mobile serverAuthCode
 * @param codeChallenge       PKCE challenge, null without PKCE
 * @param codeChallengeMethod {@code plain} or {@code S256}
 * @param offline             {@code access_type=offline}
 * @param firstConsent        the account had no grant to this client before this consent
 * @param promptConsent       {@code prompt=consent} forced the consent screen
 */
record AuthorizationCode(String value, String clientId, String authorizedParty, String subject, Set<String> scopes,
                         String redirectUri, String codeChallenge, String codeChallengeMethod, String nonce,
                         boolean offline, boolean firstConsent, boolean promptConsent, Instant expiresAt) {

    AuthorizationCode {
        scopes = Collections.unmodifiableSet(new LinkedHashSet<>(scopes));
    }

    @Override
    public String toString() {
        return "AuthorizationCode[clientId=" + clientId + ", subject=" + subject + ", expiresAt=" + expiresAt + "]";
    }
}
