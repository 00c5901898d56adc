package dev.calsync.googleemulator.oauth;

import dev.calsync.googleemulator.auth.TokenPrincipal;
import dev.calsync.googleemulator.directory.Directory;
import dev.calsync.secrets.GoogleOAuthClients;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;

/**
 * OpenID Connect userinfo at {@code openidconnect.googleapis.com/v1/userinfo} and its aliases
 * {@code www.googleapis.com/oauth2/v3/userinfo} and {@code /openidconnect/v1/userinfo}: the account behind
 * a bearer access token that carries an identity scope, with the claims its scopes allow ("OpenID
 * Connect", obtaining user profile information; GOOGLE.md §9). Anything else is a 401.
 */
@RestController
public class UserinfoController {

    private final GrantStore grants;
    private final Directory directory;
    private final IssuerUrls urls;

    public UserinfoController(GrantStore grants, Directory directory, IssuerUrls urls) {
        this.grants = grants;
        this.directory = directory;
        this.urls = urls;
    }

    @RequestMapping(path = {"/v1/userinfo", "/oauth2/v3/userinfo", "/openidconnect/v1/userinfo"},
            method = {RequestMethod.GET, RequestMethod.POST})
    public ResponseEntity<Map<String, Object>> userinfo(ServerHttpRequest request) {
        String authorization = request.getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
        TokenPrincipal caller = authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7) ? null
                : grants.resolve(authorization.substring(7).trim()).orElse(null);
        if (caller == null || !OAuthScopes.anyIdentity(caller.scopes())) {
            return ResponseEntity.status(HttpStatus.UNAUTHORIZED)
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"https://accounts.google.com/\", error=\"invalid_token\"")
                    .contentType(OAuthExceptionHandler.JSON_UTF8)
                    .body(Map.of("error", "invalid_request", "error_description", "Invalid Credentials"));
        }
        GoogleOAuthClients.Account account = directory.account(caller.subject())
                .orElseGet(() -> new GoogleOAuthClients.Account(caller.subject(), caller.email(), caller.email()));
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("sub", account.sub());
        if (OAuthScopes.grantsProfile(caller.scopes())) {
            PersonName name = PersonName.of(account.name());
            claims.put("name", name.full());
            name.given().ifPresent(given -> claims.put("given_name", given));
            name.family().ifPresent(family -> claims.put("family_name", family));
            claims.put("picture", Avatars.pictureUrl(urls.baseUrl(request), account.sub()));
        }
        if (OAuthScopes.grantsEmail(caller.scopes())) {
            claims.put("email", account.email());
            claims.put("email_verified", true);
        }
        return ResponseEntity.ok().contentType(OAuthExceptionHandler.JSON_UTF8).body(claims);
    }
}
