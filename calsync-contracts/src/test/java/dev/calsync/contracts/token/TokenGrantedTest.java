package dev.calsync.contracts.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.calsync.contracts.ContractSamples;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TokenGrantedTest {

    private static final TokenGranted SAMPLE = ContractSamples.tokenGranted();

    @Test
    void loggingAGrantNeverPrintsTheEncryptedRefreshToken() {
        assertThat(SAMPLE.toString())
                .doesNotContain(ContractSamples.ENCRYPTED_REFRESH_TOKEN)
                .contains("encryptedRefreshToken=<redacted>")
                .contains(SAMPLE.grantId().toString());
    }

    @Test
    void theScopesAreCopiedAndNeverEmpty() {
        List<String> scopes = new ArrayList<>(List.of("openid"));
        TokenGranted grant = withScopes(scopes);

        scopes.add("email");

        assertThat(grant.scopes()).containsExactly("openid");
        assertThatThrownBy(() -> withScopes(List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("TokenGranted.scopes must not be empty");
    }

    @Test
    void aBlankCiphertextIsNoCiphertext() {
        assertThatThrownBy(() -> new TokenGranted(SAMPLE.subscriberId(), SAMPLE.grantId(), SAMPLE.grantedAt(),
                SAMPLE.googleSubject(), SAMPLE.email(), SAMPLE.scopes(), SAMPLE.oauthClientId(), " "))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("TokenGranted.encryptedRefreshToken is required");
    }

    @Test
    void aRevocationNeedsAReason() {
        assertThatThrownBy(() -> new TokenRevoked(SAMPLE.subscriberId(), SAMPLE.grantId(), null, Instant.now()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("TokenRevoked.reason is required");
    }

    private static TokenGranted withScopes(List<String> scopes) {
        return new TokenGranted(SAMPLE.subscriberId(), SAMPLE.grantId(), SAMPLE.grantedAt(), SAMPLE.googleSubject(),
                SAMPLE.email(), scopes, SAMPLE.oauthClientId(), SAMPLE.encryptedRefreshToken());
    }
}
