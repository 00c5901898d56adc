package dev.calsync.googleemulator.oauth;

import dev.calsync.googleemulator.config.EmulatorProperties;
import dev.calsync.googleemulator.state.IssuedSecrets;
import dev.calsync.googleemulator.state.Resettable;
import dev.calsync.secrets.SecretsGenerator;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Outstanding authorization codes: single-use, living {@code emulator.tokens.code-lifetime} (⚠️ about
 * 10 minutes at Google; GOOGLE.md §9), shaped like Google's {@code 4/0A…} and within its 256-byte cap.
 */
@Component
class AuthorizationCodes implements Resettable {

    /** What a new code is for; the store adds its value and expiry. */
    record NewCode(String clientId, String authorizedParty, String subject, Set<String> scopes, String redirectUri,
                 String codeChallenge, String codeChallengeMethod, String nonce, boolean offline,
                 boolean firstConsent, boolean promptConsent) {
    }

    private final Map<String, AuthorizationCode> codes = new ConcurrentHashMap<>();
    private final Clock clock;
    private final EmulatorProperties properties;
    private final IssuedSecrets issued;

    AuthorizationCodes(Clock clock, EmulatorProperties properties, IssuedSecrets issued) {
        this.clock = clock;
        this.properties = properties;
        this.issued = issued;
    }

    AuthorizationCode issue(NewCode grant) {
        String value = issued.record(IssuedSecrets.Kind.AUTHORIZATION_CODE, "4/0A" + SecretsGenerator.randomToken(54));
        AuthorizationCode code = new AuthorizationCode(value, grant.clientId(), grant.authorizedParty(), grant.subject(),
                grant.scopes(), grant.redirectUri(), grant.codeChallenge(), grant.codeChallengeMethod(), grant.nonce(),
                grant.offline(), grant.firstConsent(), grant.promptConsent(),
                clock.instant().plus(properties.tokens().codeLifetime()));
        codes.put(value, code);
        return code;
    }

    /** A code that can still be redeemed; empty for unknown, used or expired ones. */
    Optional<AuthorizationCode> find(String value) {
        AuthorizationCode code = codes.get(value);
        if (code == null) {
            return Optional.empty();
        }
        if (!clock.instant().isBefore(code.expiresAt())) {
            codes.remove(value);
            return Optional.empty();
        }
        return Optional.of(code);
    }

    /** Marks the code used; false if another request redeemed it first. */
    boolean consume(AuthorizationCode code) {
        return codes.remove(code.value(), code);
    }

    static boolean wellFormed(String value) {
        return value.startsWith("4/") && value.length() <= 256;
    }

    @Override
    public void reset() {
        codes.clear();
    }
}
