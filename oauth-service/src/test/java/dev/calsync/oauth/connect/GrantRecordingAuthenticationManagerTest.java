package dev.calsync.oauth.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.calsync.oauth.account.GrantRecorder;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.client.authentication.OAuth2LoginAuthenticationToken;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationExchange;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationResponse;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import reactor.core.publisher.Mono;

/** A grant without a refresh token is refused before anything is stored. */
class GrantRecordingAuthenticationManagerTest {

    @Test
    void noRefreshTokenIsRefusedAndNothingIsRecorded() {
        ClientRegistration registration = ClientRegistration.withRegistrationId("google").clientId("web").clientSecret("s")
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE).redirectUri("http://localhost/cb")
                .authorizationUri("http://g/auth").tokenUri("http://g/token").jwkSetUri("http://g/jwks").build();
        OAuth2AuthorizationExchange exchange = new OAuth2AuthorizationExchange(
                OAuth2AuthorizationRequest.authorizationCode().authorizationUri("http://g/auth").clientId("web")
                        .redirectUri("http://localhost/cb").state("s").build(),
                OAuth2AuthorizationResponse.success("code").redirectUri("http://localhost/cb").state("s").build());
        OidcIdToken idToken = new OidcIdToken("t", Instant.now(), Instant.now().plusSeconds(60),
                Map.of("sub", "123", "email", "a@example.com"));
        OAuth2LoginAuthenticationToken withoutRefreshToken = new OAuth2LoginAuthenticationToken(registration, exchange,
                new DefaultOidcUser(List.of(), idToken), List.of(),
                new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, "ya29.x", Instant.now(), Instant.now().plusSeconds(60), Set.of("openid")),
                null);
        AtomicInteger recorded = new AtomicInteger();
        GrantRecorder recorder = new GrantRecorder(null, null, null, null, null, null) {
            @Override
            public Mono<Recorded> record(NewGrant grant) {
                recorded.incrementAndGet();
                return Mono.empty();
            }
        };
        GrantRecordingAuthenticationManager manager = new GrantRecordingAuthenticationManager(
                authentication -> Mono.just(withoutRefreshToken), recorder);
        assertThatThrownBy(() -> manager.authenticate(withoutRefreshToken).block())
                .isInstanceOfSatisfying(OAuth2AuthenticationException.class,
                        e -> assertThat(e.getError().getErrorCode()).isEqualTo(GrantRecordingAuthenticationManager.NO_REFRESH_TOKEN));
        assertThat(recorded).hasValue(0);
        assertThat(ConnectErrorPage.messageFor(GrantRecordingAuthenticationManager.NO_REFRESH_TOKEN).explanation())
                .contains("Nothing was connected");
    }
}
