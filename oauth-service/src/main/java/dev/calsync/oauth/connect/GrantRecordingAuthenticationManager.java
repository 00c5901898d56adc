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
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.oauth2.core.user.DefaultOAuth2User;
import org.springframework.security.oauth2.core.user.OAuth2User;
import org.springframework.security.oauth2.core.user.OAuth2UserAuthority;
import reactor.core.publisher.Mono;

/**
 * Spring Security's OIDC login (code exchange with PKCE, ID token checked against the JWKS, issuer,
 * audience, expiry and nonce) followed by calsync's part: the refresh token goes straight into the
 * outbox through {@link GrantRecorder}, and the authentication handed on — to the session and the
 * authorized-client store — carries no refresh token, and its principal no ID token. A grant without a refresh token is refused before
 * anything is stored.
 */
public class GrantRecordingAuthenticationManager implements ReactiveAuthenticationManager {

    public static final String NO_REFRESH_TOKEN = "no_refresh_token";
    /** The session principal's name attribute: the subscriber id. */
    public static final String SUBSCRIBER_ID = "calsync_subscriber_id";

    /** The subscriber id of a principal this manager handed on, or null when there is no principal. */
    public static String subscriberId(OAuth2User user) {
        return user == null ? null : user.getAttribute(SUBSCRIBER_ID);
    }

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
            Map<String, Object> attributes = new HashMap<>();
            attributes.put("sub", user.getSubject());
            attributes.put(SUBSCRIBER_ID, recorded.subscriberId());
            attributes.put("email", user.getEmail());
            // who is signed in, without Google's ID token (an OidcUser and its OidcUserAuthority carry it):
            // this principal is what the session, stored in PostgreSQL, keeps
            List<GrantedAuthority> authorities = login.getAuthorities().stream()
                    .filter(authority -> !(authority instanceof OAuth2UserAuthority)).toList();
            OAuth2User connected = new DefaultOAuth2User(authorities, attributes, SUBSCRIBER_ID);
            return new OAuth2LoginAuthenticationToken(login.getClientRegistration(), login.getAuthorizationExchange(),
                    connected, authorities, login.getAccessToken(), null);
        });
    }
}
