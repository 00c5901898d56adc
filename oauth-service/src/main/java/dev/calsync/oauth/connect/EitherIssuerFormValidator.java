package dev.calsync.oauth.connect;

import org.springframework.security.oauth2.client.oidc.authentication.OidcIdTokenValidator;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.core.oidc.IdTokenClaimNames;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;

/**
 * The web flow's ID token validation: Spring Security's own ({@link JwtTimestampValidator} and
 * {@link OidcIdTokenValidator}: issuer, audience, {@code azp}, expiry, issued-at), except that the issuer
 * may be written in either of Google's two forms. {@link OidcIdTokenValidator} compares {@code iss} with
 * the registration's issuer exactly and cannot even read a scheme-less {@code iss} (it reads it as a URL),
 * so a token naming the configured issuer in its bare form is checked as if it named it in full; a token
 * naming any other issuer is refused here, before Spring's checks.
 */
final class EitherIssuerFormValidator implements OAuth2TokenValidator<Jwt> {

    private final GoogleProviderEndpoints endpoints;
    private final OAuth2TokenValidator<Jwt> spring;

    EitherIssuerFormValidator(GoogleProviderEndpoints endpoints, ClientRegistration registration) {
        this.endpoints = endpoints;
        // what ReactiveOidcIdTokenDecoderFactory validates with by default
        this.spring = new DelegatingOAuth2TokenValidator<>(new JwtTimestampValidator(), new OidcIdTokenValidator(registration));
    }

    @Override
    public OAuth2TokenValidatorResult validate(Jwt idToken) {
        String iss = idToken.getClaimAsString(IdTokenClaimNames.ISS);
        if (!endpoints.isIssuer(iss)) {
            return OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_id_token",
                    "The ID Token names another issuer than " + endpoints.issuer(), null));
        }
        if (endpoints.issuer().equals(iss)) {
            return spring.validate(idToken);
        }
        Jwt inFullForm = Jwt.withTokenValue(idToken.getTokenValue())
                .headers(headers -> headers.putAll(idToken.getHeaders()))
                .claims(claims -> {
                    claims.putAll(idToken.getClaims());
                    claims.put(IdTokenClaimNames.ISS, endpoints.issuer());
                })
                .build();
        return spring.validate(inFullForm);
    }
}
