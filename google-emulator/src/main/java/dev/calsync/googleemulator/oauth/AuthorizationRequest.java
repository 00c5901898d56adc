package dev.calsync.googleemulator.oauth;

import dev.calsync.secrets.GoogleOAuthClients;
import java.util.List;
import java.util.Set;

/**
 * A validated request to the authorization endpoint, kept server-side while the consent page is open.
 *
 * @param scopes              as requested, in order
 * @param offline             {@code access_type=offline}
 * @param codeChallengeMethod {@code plain} (Google's default when only a challenge is sent) or {@code S256}
 */
record AuthorizationRequest(GoogleOAuthClients.Client client, String redirectUri, List<String> scopes, String state,
                            boolean offline, Set<Prompt> prompts, boolean includeGrantedScopes, String loginHint,
                            String nonce, String codeChallenge, String codeChallengeMethod) {

    /** Google's {@code prompt} values; {@code login} is not among them. */
    enum Prompt { NONE, CONSENT, SELECT_ACCOUNT }

    AuthorizationRequest {
        scopes = List.copyOf(scopes);
        prompts = Set.copyOf(prompts);
    }

    boolean forcesConsent() {
        return prompts.contains(Prompt.CONSENT);
    }
}
