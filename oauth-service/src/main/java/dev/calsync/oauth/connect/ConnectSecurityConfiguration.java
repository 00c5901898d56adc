package dev.calsync.oauth.connect;

import dev.calsync.oauth.account.GrantRecorder;
import dev.calsync.oauth.web.SameOriginFilter;
import dev.calsync.secrets.GoogleOAuthClients;
import dev.calsync.secrets.SecretName;
import dev.calsync.secrets.SecretStore;
import dev.calsync.secrets.TinkKeysets;
import dev.calsync.support.google.GoogleEndpointsProperties;
import java.time.Clock;
import java.util.Map;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.endpoint.WebClientReactiveAuthorizationCodeTokenResponseClient;
import org.springframework.security.oauth2.client.oidc.authentication.OidcAuthorizationCodeReactiveAuthenticationManager;
import org.springframework.security.oauth2.client.oidc.authentication.ReactiveOidcIdTokenDecoderFactory;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcReactiveOAuth2UserService;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.InMemoryReactiveClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.ReactiveClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.server.DefaultServerOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.server.ServerOAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.core.oidc.IdTokenClaimNames;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestCustomizers;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.authentication.RedirectServerAuthenticationSuccessHandler;
import org.springframework.security.web.server.util.matcher.PathPatternParserServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The web redirect flow on Spring Security's reactive OAuth2/OIDC client:
 * {@code GET /api/google-oauth/start} → Google's consent page (offline access, prompt=consent, PKCE S256,
 * nonce, signed state) → {@code GET /api/google-oauth/callback}. The provider's endpoints are configured
 * explicitly from {@code calsync.google.issuer}. Sessions and pending sign-ins are kept in PostgreSQL
 * ({@code session.PostgresWebSessionStore}, {@link PendingSignIns}), so any instance may serve any step and a
 * restart signs nobody out; a session holds only the subscriber id and email.
 * CSRF: the session cookie is SameSite=Lax, so no other site can send a POST with it, and
 * {@link SameOriginFilter}, in the place of Spring Security's CSRF filter, refuses the page's state-changing
 * requests from any other origin of the same site.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(OAuthProperties.class)
public class ConnectSecurityConfiguration {

    public static final String REGISTRATION_ID = "google";

    @Bean
    public GoogleOAuthClients googleOAuthClients(SecretStore secrets) {
        return GoogleOAuthClients.parse(secrets.read(SecretName.GOOGLE_OAUTH_CLIENTS));
    }

    @Bean
    public GoogleProviderEndpoints googleProviderEndpoints(GoogleEndpointsProperties google) {
        return GoogleProviderEndpoints.of(google.issuer());
    }

    @Bean
    public ReactiveClientRegistrationRepository clientRegistrations(GoogleOAuthClients clients, GoogleProviderEndpoints endpoints,
                                                                    OAuthProperties properties) {
        GoogleOAuthClients.Client web = clients.firstOfType(GoogleOAuthClients.ClientType.web)
                .orElseThrow(() -> new IllegalStateException("google-oauth-clients.json has no web client"));
        ClientRegistration google = ClientRegistration.withRegistrationId(REGISTRATION_ID)
                .clientId(web.clientId())
                .clientSecret(web.clientSecret())
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .redirectUri(properties.webRedirectUri())
                .scope("openid", "email", properties.calendarScope())
                .authorizationUri(endpoints.authorization())
                .tokenUri(endpoints.token())
                .jwkSetUri(endpoints.jwks())
                .issuerUri(endpoints.issuer())
                .userNameAttributeName(IdTokenClaimNames.SUB)
                .clientName("Google")
                .build();
        return new InMemoryReactiveClientRegistrationRepository(google);
    }

    @Bean
    public PendingSignIns pendingSignIns(SignedState states, Clock clock, OAuthProperties properties, DatabaseClient db,
                                         PublicAddress publicAddress) {
        return new PendingSignIns(states, clock, properties.stateLifetime(), db, publicAddress);
    }

    @Bean
    public SignedState signedState(SecretStore secrets, Clock clock, OAuthProperties properties) {
        return new SignedState(TinkKeysets.mac(secrets, SecretName.STATE_SIGNING_KEYSET), clock, properties.stateLifetime());
    }

    @Bean
    public PublicAddress publicAddress(OAuthProperties properties) {
        return PublicAddress.of(properties);
    }

    @Bean
    public SecurityWebFilterChain securityWebFilterChain(ServerHttpSecurity http, ReactiveClientRegistrationRepository registrations,
                                                         PendingSignIns pendingSignIns, SignedState signedState,
                                                         GrantRecorder recorder, GoogleProviderEndpoints endpoints,
                                                         PublicAddress publicAddress) {
        DefaultServerOAuth2AuthorizationRequestResolver resolver =
                new DefaultServerOAuth2AuthorizationRequestResolver(registrations, startMatcher());
        resolver.setAuthorizationRequestCustomizer(OAuth2AuthorizationRequestCustomizers.withPkce()
                .andThen(request -> customize(request, signedState)));

        OidcAuthorizationCodeReactiveAuthenticationManager oidc = new OidcAuthorizationCodeReactiveAuthenticationManager(
                new WebClientReactiveAuthorizationCodeTokenResponseClient(), new OidcReactiveOAuth2UserService());
        ReactiveOidcIdTokenDecoderFactory idTokenDecoders = new ReactiveOidcIdTokenDecoderFactory();
        // Google's iss comes with or without https:// (GOOGLE.md §9); Spring's validator accepts only one spelling
        idTokenDecoders.setJwtValidatorFactory(registration -> new EitherIssuerFormValidator(endpoints, registration));
        oidc.setJwtDecoderFactory(idTokenDecoders);

        http.authorizeExchange(exchanges -> exchanges.anyExchange().permitAll())
                // Origin checks instead of CSRF tokens: no token to hand the page, and they hold against the same site too
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                .addFilterAt(new SameOriginFilter(publicAddress), SecurityWebFiltersOrder.CSRF)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .oauth2Login(login -> login
                        .clientRegistrationRepository(registrations)
                        .authorizationRequestResolver(resolver)
                        .authorizationRequestRepository(pendingSignIns)
                        .authenticationConverter(new CallbackConverter(registrations, pendingSignIns))
                        .authorizedClientRepository(new NothingStoredAuthorizedClients())
                        .authenticationMatcher(new PathPatternParserServerWebExchangeMatcher("/api/google-oauth/callback", HttpMethod.GET))
                        .authenticationManager(new GrantRecordingAuthenticationManager(oidc, recorder))
                        .authenticationSuccessHandler(new RedirectServerAuthenticationSuccessHandler("/?connected"))
                        .authenticationFailureHandler(new ConnectErrorPage()));
        return http.build();
    }

    private static void customize(OAuth2AuthorizationRequest.Builder request, SignedState signedState) {
        request.state(signedState.issue())
                .additionalParameters(parameters -> {
                    parameters.put("access_type", "offline");
                    parameters.put("prompt", "consent");
                });
    }

    /** {@code GET /api/google-oauth/start} starts the one registration. */
    private static ServerWebExchangeMatcher startMatcher() {
        ServerWebExchangeMatcher path = new PathPatternParserServerWebExchangeMatcher("/api/google-oauth/start", HttpMethod.GET);
        return exchange -> path.matches(exchange).flatMap(result -> result.isMatch()
                ? ServerWebExchangeMatcher.MatchResult.match(Map.of("registrationId", REGISTRATION_ID))
                : ServerWebExchangeMatcher.MatchResult.notMatch());
    }

    /** Tokens are never kept here: the refresh token went to the outbox, the access token is not needed. */
    static final class NothingStoredAuthorizedClients implements ServerOAuth2AuthorizedClientRepository {
        @Override
        public <T extends OAuth2AuthorizedClient> Mono<T> loadAuthorizedClient(String clientRegistrationId, Authentication principal,
                                                                             ServerWebExchange exchange) {
            return Mono.empty();
        }

        @Override
        public Mono<Void> saveAuthorizedClient(OAuth2AuthorizedClient authorizedClient, Authentication principal, ServerWebExchange exchange) {
            return Mono.empty();
        }

        @Override
        public Mono<Void> removeAuthorizedClient(String clientRegistrationId, Authentication principal, ServerWebExchange exchange) {
            return Mono.empty();
        }
    }
}
