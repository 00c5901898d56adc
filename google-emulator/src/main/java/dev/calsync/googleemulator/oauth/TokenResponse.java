package dev.calsync.googleemulator.oauth;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The token endpoint's success body ("Using OAuth 2.0 for Web Server Applications", step 5; GOOGLE.md §9):
 * {@code refresh_token} only when Google would issue one, {@code refresh_token_expires_in} only for a
 * refresh token with a fixed end, {@code id_token} only for identity scopes.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record TokenResponse(
        @JsonProperty("access_token") String accessToken,
        @JsonProperty("expires_in") long expiresIn,
        @JsonProperty("refresh_token") String refreshToken,
        @JsonProperty("refresh_token_expires_in") Long refreshTokenExpiresIn,
        @JsonProperty("scope") String scope,
        @JsonProperty("token_type") String tokenType,
        @JsonProperty("id_token") String idToken) {

    @Override
    public String toString() {
        return "TokenResponse[scope=" + scope + "]";
    }
}
