package dev.calsync.googleemulator.oauth;

import dev.calsync.googleemulator.directory.Directory;
import dev.calsync.secrets.GoogleOAuthClients;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;
import org.springframework.util.MultiValueMap;

/**
 * Checks a request to the authorization endpoint before anything is shown, in the order a broken
 * request reveals itself at Google: the client, then where to send the answer (only once the redirect
 * URI is trusted could an error go there; Google shows every one of these on its own page anyway),
 * then the rest ("Using OAuth 2.0 for Web Server Applications", authorization parameters; GOOGLE.md §9).
 */
@Component
class AuthorizationRequestParser {

    /** RFC 7636 §4.1–4.2: 43 to 128 unreserved characters (an S256 challenge is always 43). */
    private static final Pattern PKCE_VALUE = Pattern.compile("[A-Za-z0-9\\-._~]{43,128}");

    private final Directory directory;

    AuthorizationRequestParser(Directory directory) {
        this.directory = directory;
    }

    AuthorizationRequest parse(MultiValueMap<String, String> parameters) {
        String clientId = present(parameters, "client_id");
        if (clientId == null) {
            throw AuthorizationPageError.missingParameter("client_id");
        }
        GoogleOAuthClients.Client client = directory.client(clientId).orElseThrow(AuthorizationPageError::invalidClient);

        String redirectUri = present(parameters, "redirect_uri");
        if (redirectUri == null) {
            throw AuthorizationPageError.missingParameter("redirect_uri");
        }
        checkRedirectUri(client, redirectUri);

        String responseType = present(parameters, "response_type");
        if (responseType == null) {
            throw AuthorizationPageError.missingParameter("response_type");
        }
        if (!responseType.equals("code")) {
            // Google shows "Error 400: unsupported_response_type" on its own page rather than redirecting (its "Handle
            // errors" guide: an invalid response type value gets the OAuth error page; field reports show the code).
            // Google also serves the implicit and hybrid flows to browser clients; calsync never uses them, so the
            // emulator serves the code flow only and answers every other response type the same way.
            throw AuthorizationPageError.unsupportedResponseType();
        }

        String scopeParameter = present(parameters, "scope");
        if (scopeParameter == null) {
            throw AuthorizationPageError.missingParameter("scope");
        }
        List<String> scopes = OAuthScopes.parse(scopeParameter);
        List<String> invalid = OAuthScopes.unknown(scopes);
        if (!invalid.isEmpty()) {
            List<String> valid = scopes.stream().filter(OAuthScopes::isKnown).toList();
            throw AuthorizationPageError.invalidScope("Some requested scopes were invalid. {valid=" + valid + ", invalid=" + invalid + "}");
        }

        String accessType = present(parameters, "access_type");
        if (accessType != null && !accessType.equals("online") && !accessType.equals("offline")) {
            throw AuthorizationPageError.invalidRequest("Invalid access_type: " + accessType);
        }

        Set<AuthorizationRequest.Prompt> prompts = prompts(present(parameters, "prompt"));

        String codeChallenge = present(parameters, "code_challenge");
        String codeChallengeMethod = present(parameters, "code_challenge_method");
        if (codeChallengeMethod != null && codeChallenge == null) {
            throw AuthorizationPageError.missingParameter("code_challenge");
        }
        if (codeChallenge != null) {
            codeChallengeMethod = codeChallengeMethod == null ? "plain" : codeChallengeMethod;
            if (!codeChallengeMethod.equals("plain") && !codeChallengeMethod.equals("S256")) {
                throw AuthorizationPageError.invalidRequest("Invalid code_challenge_method: " + codeChallengeMethod);
            }
            if (!PKCE_VALUE.matcher(codeChallenge).matches()) {
                throw AuthorizationPageError.invalidRequest("Invalid code_challenge.");
            }
        }

        return new AuthorizationRequest(client, redirectUri, scopes, parameters.getFirst("state"),
                "offline".equals(accessType), prompts,
                "true".equalsIgnoreCase(parameters.getFirst("include_granted_scopes")),
                present(parameters, "login_hint"), present(parameters, "nonce"), codeChallenge, codeChallengeMethod);
    }

    private static void checkRedirectUri(GoogleOAuthClients.Client client, String redirectUri) {
        if (RedirectUris.OUT_OF_BAND.contains(redirectUri)) {
            // blocked for every client since 2023-01-31 (GOOGLE.md §9, Desktop)
            throw AuthorizationPageError.invalidRequest("The out-of-band (OOB) flow has been blocked in order to keep users secure. "
                    + "Use a loopback redirect URI instead.");
        }
        if (client.type() == GoogleOAuthClients.ClientType.android || client.type() == GoogleOAuthClients.ClientType.ios) {
            throw AuthorizationPageError.redirectUriMismatch(redirectUri,
                    "This " + client.type() + " client cannot use the browser sign-in; the app signs in through Google's SDK "
                            + "and hands its server a serverAuthCode.");
        }
        if (!RedirectUris.allowed(client, redirectUri)) {
            throw AuthorizationPageError.redirectUriMismatch(redirectUri, "You can't sign in to this app because it doesn't comply "
                    + "with Google's OAuth 2.0 policy. The redirect URI in the request, " + redirectUri
                    + ", does not match the ones authorized for the OAuth client.");
        }
    }

    private static Set<AuthorizationRequest.Prompt> prompts(String prompt) {
        Set<AuthorizationRequest.Prompt> prompts = EnumSet.noneOf(AuthorizationRequest.Prompt.class);
        if (prompt == null) {
            return prompts;
        }
        for (String value : prompt.trim().split("\\s+")) {
            try {
                prompts.add(AuthorizationRequest.Prompt.valueOf(value.toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException unknown) {
                throw AuthorizationPageError.invalidRequest("Invalid prompt: " + prompt);
            }
        }
        if (prompts.contains(AuthorizationRequest.Prompt.NONE) && prompts.size() > 1) {
            throw AuthorizationPageError.invalidRequest("Invalid prompt: " + prompt + " (none cannot be combined with other values)");
        }
        return prompts;
    }

    /** A parameter's value, or null when absent or empty (Google treats {@code client_id=} as missing). */
    private static String present(MultiValueMap<String, String> parameters, String name) {
        String value = parameters.getFirst(name);
        return value == null || value.isBlank() ? null : value;
    }
}
