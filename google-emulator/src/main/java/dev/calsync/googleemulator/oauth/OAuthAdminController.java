package dev.calsync.googleemulator.oauth;

import dev.calsync.googleemulator.config.EmulatorProperties;
import dev.calsync.googleemulator.directory.Directory;
import dev.calsync.secrets.GoogleOAuthClients;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * Admin steps for what happens outside the browser: a mobile app's Google Sign-In, and a rotation of
 * the ID-token signing keys.
 */
@RestController
@RequestMapping("/emulator/admin")
@ConditionalOnProperty(name = "emulator.admin.enabled", havingValue = "true")
public class OAuthAdminController {

    private static final List<String> SIGN_IN_DEFAULT_SCOPES = List.of("openid", "email", "profile");

    private final Directory directory;
    private final GrantStore grants;
    private final AuthorizationCodes codes;
    private final IdTokens idTokens;
    private final SigningKeys keys;
    private final IssuerUrls urls;
    private final EmulatorProperties properties;

    public OAuthAdminController(Directory directory, GrantStore grants, AuthorizationCodes codes, IdTokens idTokens,
                                SigningKeys keys, IssuerUrls urls, EmulatorProperties properties) {
        this.directory = directory;
        this.grants = grants;
        this.codes = codes;
        this.idTokens = idTokens;
        this.keys = keys;
        this.urls = urls;
        this.properties = properties;
    }

    /**
     * @param account                  email or sub of a seeded account
     * @param appClientId              an Android or iOS client of the seed
     * @param scopes                   what the app asked for; default openid, email, profile
     * @param forceCodeForRefreshToken the SDK's flag of that name: consent is asked again, so the code yields a refresh token
     * @param nonce                    echoed in the ID token
     */
    public record MobileSignInRequest(String account, String appClientId, List<String> scopes, Boolean forceCodeForRefreshToken,
                                      String nonce) {
    }

    public record MobileSignIn(String serverAuthCode, String idToken) {
        @Override
        public String toString() {
            return "MobileSignIn[…]";
        }
    }

    /**
     * What an app gets from Google Sign-In with {@code requestServerAuthCode(webClientId)} and
     * {@code requestIdToken(webClientId)}: a code for the WEB client, redeemed by the server with the web
     * client's id and secret and {@code redirect_uri=}, and an ID token whose {@code aud} is the web client
     * and {@code azp} the app client (GOOGLE.md §9, Android/iOS serverAuthCode; ⚠️ azp, switch
     * {@code mobileAzpIsAppClient}). The first offline exchange yields a refresh token, later ones do not.
     */
    @PostMapping("/mobile-sign-in")
    public MobileSignIn mobileSignIn(@RequestBody MobileSignInRequest request, ServerHttpRequest http) {
        GoogleOAuthClients.Account account = directory.account(request.account())
                .orElseThrow(() -> badRequest("unknown account " + request.account()));
        GoogleOAuthClients.Client app = directory.client(request.appClientId())
                .filter(client -> client.type() == GoogleOAuthClients.ClientType.android || client.type() == GoogleOAuthClients.ClientType.ios)
                .orElseThrow(() -> badRequest("unknown Android/iOS client " + request.appClientId()));
        GoogleOAuthClients.Client web = directory.client(app.webClientId())
                .filter(client -> client.type() == GoogleOAuthClients.ClientType.web)
                .orElseThrow(() -> badRequest("app client " + app.clientId() + " is tied to no web client of the seed"));
        Set<String> scopes = new LinkedHashSet<>(request.scopes() == null || request.scopes().isEmpty()
                ? SIGN_IN_DEFAULT_SCOPES : request.scopes());
        OAuthScopes.requireKnown(scopes);

        GrantStore.Consent consent = grants.recordConsent(account.sub(), account.email(), web.clientId(), scopes);
        boolean forced = Boolean.TRUE.equals(request.forceCodeForRefreshToken());
        AuthorizationCode code = codes.issue(new AuthorizationCodes.NewCode(web.clientId(), app.clientId(), account.sub(), scopes,
                "", null, null, request.nonce(), true, consent.first(), forced));
        String azp = properties.switches().mobileAzpIsAppClient() ? app.clientId() : web.clientId();
        String idToken = idTokens.mint(new IdTokens.Request(urls.idTokenIssuer(http), web.clientId(), azp, account, scopes,
                request.nonce(), null, urls.baseUrl(http)));
        return new MobileSignIn(code.value(), idToken);
    }

    /** A new ID-token signing key; the JWKS keeps the previous one. Answers the new JWKS. */
    @PostMapping("/signing-keys/rotate")
    public Map<String, Object> rotateSigningKeys() {
        keys.rotate();
        return keys.publicJwks();
    }

    private static ResponseStatusException badRequest(String reason) {
        return new ResponseStatusException(HttpStatus.BAD_REQUEST, reason);
    }
}
