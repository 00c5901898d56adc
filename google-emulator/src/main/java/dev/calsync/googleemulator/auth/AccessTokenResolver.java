package dev.calsync.googleemulator.auth;

import java.util.Optional;

/** Turns a bearer token into its principal; empty for an unknown, expired or revoked token. */
public interface AccessTokenResolver {

    Optional<TokenPrincipal> resolve(String accessToken);
}
