package dev.calsync.oauth.app;

import dev.calsync.oauth.account.GrantRecorder;
import dev.calsync.oauth.connect.GoogleProviderEndpoints;
import dev.calsync.secrets.GoogleOAuthClients;
import java.util.ArrayList;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.springframework.security.oauth2.client.endpoint.OAuth2AuthorizationCodeGrantRequest;
import org.springframework.security.oauth2.client.endpoint.WebClientReactiveAuthorizationCodeTokenResponseClient;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.core.endpoint.OAuth2AccessTokenResponse;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationExchange;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationResponse;
import org.springframework.security.oauth2.core.endpoint.PkceParameterNames;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The server half of the native-app and desktop front doors, on Spring Security's token client and JWT
 * decoder: verify a Google ID token (JWKS signature, issuer, audience, expiry, and for apps {@code azp}),
 * exchange a code with the right client's credentials, and record the grant exactly as the web flow does.
 */
@Component
public class CodeExchange {

    /** A refusal the caller sees as 400 with this message. */
    public static class Refused extends RuntimeException {
        public Refused(String message) {
            super(message, null, false, false);
        }
    }

    private final GoogleProviderEndpoints endpoints;
    private final GrantRecorder recorder;
    private final WebClientReactiveAuthorizationCodeTokenResponseClient tokenClient = new WebClientReactiveAuthorizationCodeTokenResponseClient();
    private final NimbusReactiveJwtDecoder jwks;

    /** Spring Security insists on a redirect URI; a mobile serverAuthCode is redeemed with {@code redirect_uri=}. */
    private static final String EMPTY_REDIRECT_PLACEHOLDER = "urn:calsync:empty-redirect-uri";

    public CodeExchange(GoogleProviderEndpoints endpoints, GrantRecorder recorder) {
        this.endpoints = endpoints;
        this.recorder = recorder;
        tokenClient.setParametersCustomizer(parameters -> {
            if (EMPTY_REDIRECT_PLACEHOLDER.equals(parameters.getFirst("redirect_uri"))) {
                parameters.set("redirect_uri", "");
            }
        });
        this.jwks = NimbusReactiveJwtDecoder.withJwkSetUri(endpoints.jwks()).build();
    }

    /** Verifies an ID token for {@code audience}; {@code authorizedParty} must accept its {@code azp}. */
    public Mono<Jwt> verifyIdToken(String idToken, String audience, Predicate<String> authorizedParty) {
        if (idToken == null || idToken.isBlank()) {
            return Mono.error(new Refused("the ID token (idToken) is required"));
        }
        return jwks.decode(idToken)
                .onErrorMap(e -> new Refused("the ID token is not valid (signature, format or expiry)"))
                .flatMap(jwt -> {
                    OAuth2TokenValidatorResult result = validator(audience, authorizedParty).validate(jwt);
                    return result.hasErrors()
                            ? Mono.error(new Refused("the ID token is not valid: " + result.getErrors().iterator().next().getDescription()))
                            : Mono.just(jwt);
                });
    }

    private OAuth2TokenValidator<Jwt> validator(String audience, Predicate<String> authorizedParty) {
        return new DelegatingOAuth2TokenValidator<>(new JwtTimestampValidator(),
                check(jwt -> endpoints.isIssuer(jwt.getClaimAsString("iss")), "wrong issuer"),
                check(jwt -> jwt.getAudience() != null && jwt.getAudience().contains(audience), "it is not for this service"),
                check(jwt -> authorizedParty.test(jwt.getClaimAsString("azp")), "it was not issued to a known app"),
                check(jwt -> jwt.getSubject() != null && jwt.getClaimAsString("email") != null, "it names no account or email"));
    }

    private static OAuth2TokenValidator<Jwt> check(Predicate<Jwt> test, String description) {
        return jwt -> test.test(jwt) ? OAuth2TokenValidatorResult.success()
                : OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token", description, null));
    }

    /**
     * Exchanges {@code code} with {@code client}'s credentials, checks the answer's ID token names
     * {@code expectedSubject} (when given), and records the grant.
     */
    public Mono<GrantRecorder.Recorded> exchangeAndRecord(GoogleOAuthClients.Client client, String code, String redirectUri,
                                                          String codeVerifier, String expectedSubject) {
        if (code == null || code.isBlank()) {
            return Mono.error(new Refused("the authorization code is required"));
        }
        if (redirectUri == null || redirectUri.isEmpty()) {
            redirectUri = EMPTY_REDIRECT_PLACEHOLDER;
        }
        ClientRegistration registration = ClientRegistration.withRegistrationId(client.type().name())
                .clientId(client.clientId())
                .clientSecret(client.clientSecret())
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .redirectUri(redirectUri)
                .authorizationUri(endpoints.authorization())
                .tokenUri(endpoints.token())
                .jwkSetUri(endpoints.jwks())
                .build();
        OAuth2AuthorizationRequest.Builder request = OAuth2AuthorizationRequest.authorizationCode()
                .authorizationUri(endpoints.authorization())
                .clientId(client.clientId())
                .redirectUri(redirectUri)
                .state("server-side-exchange");
        if (codeVerifier != null) {
            request.attributes(Map.of(PkceParameterNames.CODE_VERIFIER, codeVerifier));
        }
        OAuth2AuthorizationResponse response = OAuth2AuthorizationResponse.success(code).redirectUri(redirectUri)
                .state("server-side-exchange").build();
        return tokenClient.getTokenResponse(new OAuth2AuthorizationCodeGrantRequest(registration,
                        new OAuth2AuthorizationExchange(request.build(), response)))
                .onErrorMap(e -> !(e instanceof Refused), e -> new Refused("Google did not accept the code (it may be used, expired or for another client)"))
                .flatMap(tokens -> identify(tokens, client, expectedSubject)
                        .flatMap(idToken -> {
                            if (tokens.getRefreshToken() == null) {
                                return Mono.error(new Refused("Google returned no refresh token: sign in again with consent "
                                        + "(forceCodeForRefreshToken) or remove calsync at https://myaccount.google.com/permissions first"));
                            }
                            Set<String> scopes = tokens.getAccessToken().getScopes();
                            return recorder.record(new GrantRecorder.NewGrant(idToken.getSubject(), idToken.getClaimAsString("email"),
                                    new ArrayList<>(scopes), client.clientId(), tokens.getRefreshToken().getTokenValue()));
                        }));
    }

    private Mono<Jwt> identify(OAuth2AccessTokenResponse tokens, GoogleOAuthClients.Client client, String expectedSubject) {
        Object idToken = tokens.getAdditionalParameters().get(OidcParameterNames.ID_TOKEN);
        if (!(idToken instanceof String value)) {
            return Mono.error(new Refused("Google returned no ID token: the openid and email scopes are required"));
        }
        return verifyIdToken(value, client.clientId(), azp -> true).flatMap(jwt -> expectedSubject == null || expectedSubject.equals(jwt.getSubject())
                ? Mono.just(jwt) : Mono.error(new Refused("the code and the ID token belong to different accounts")));
    }
}
