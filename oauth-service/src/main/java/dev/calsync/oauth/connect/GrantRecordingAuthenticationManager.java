package dev.calsync.oauth.connect;

import dev.calsync.oauth.account.GrantRecorder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.authentication.OAuth2LoginAuthenticationToken;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.oidc.OidcUserInfo;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import reactor.core.publisher.Mono;

/**
 * Spring Security's OIDC login (code exchange with PKCE, ID token checked against the JWKS, issuer,
 * audience, expiry and nonce) followed by calsync's part: the refresh token goes straight into the
 * outbox through {@link GrantRecorder}, and the authentication handed on — to the session and the
 * authorized-client store — carries no refresh token. A grant without a refresh token is refused before
 * anything is stored.
 */
public class GrantRecordingAuthenticationManager implements ReactiveAuthenticationManager {

    public static final String NO_REFRESH_TOKEN = "no_refresh_token";
    /** The session principal's name attribute: the subscriber id. */
    public static final String SUBSCRIBER_ID = "calsync_subscriber_id";

    private final ReactiveAuthenticationManager oidcLogin;
    private final GrantRecorder recorder;

    public GrantRecordingAuthenticationManager(ReactiveAuthenticationManager oidcLogin, GrantRecorder recorder) {
        this.oidcLogin = oidcLogin;
        this.recorder = recorder;
    }

    @Override
    public Mono<Authentication> authenticate(Authentication authentication) {
        return oidcLogin.authenticate(authentication)
                .cast(OAuth2LoginAuthenticationToken.class)
                .flatMap(this::recordGrant);
    }

    private Mono<Authentication> recordGrant(OAuth2LoginAuthenticationToken login) {
        if (login.getRefreshToken() == null) {
            return Mono.error(new OAuth2AuthenticationException(new OAuth2Error(NO_REFRESH_TOKEN), NO_REFRESH_TOKEN));
        }
        OidcUser user = (OidcUser) login.getPrincipal();
        List<String> scopes = new ArrayList<>(login.getAccessToken().getScopes());
        GrantRecorder.NewGrant grant = new GrantRecorder.NewGrant(user.getSubject(), user.getEmail(), scopes,
                login.getClientRegistration().getClientId(), login.getRefreshToken().getTokenValue());
        return recorder.record(grant).map(recorded -> {
            Map<String, Object> claims = new HashMap<>();
            claims.put("sub", user.getSubject());
            claims.put(SUBSCRIBER_ID, recorded.subscriberId());
            claims.put("email", user.getEmail());
            OidcUser connected = new DefaultOidcUser(user.getAuthorities(), user.getIdToken(), new OidcUserInfo(claims), SUBSCRIBER_ID);
            return new OAuth2LoginAuthenticationToken(login.getClientRegistration(), login.getAuthorizationExchange(),
                    connected, login.getAuthorities(), login.getAccessToken(), null);
        });
    }
}
