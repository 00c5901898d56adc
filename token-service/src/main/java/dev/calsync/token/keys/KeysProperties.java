package dev.calsync.token.keys;

import java.nio.file.Path;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param retiredHybridPrivateKeysets files of token hybrid private keysets that were replaced by a new
 *     {@code TOKEN_HYBRID_PRIVATE_KEYSET}. They only decrypt: keep each one for as long as
 *     {@code calsync.token-granted.v1} retains records encrypted for it, which is forever (env
 *     {@code TOKEN_HYBRID_RETIRED_PRIVATE_KEYSETS}, comma-separated paths).
 */
@ConfigurationProperties("calsync.token.keys")
public record KeysProperties(@DefaultValue List<Path> retiredHybridPrivateKeysets) {
}
