package dev.calsync.googleemulator.oauth;

import dev.calsync.googleemulator.directory.Directory;
import dev.calsync.secrets.GoogleOAuthClients;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * {@code POST /emulator/admin/grants}: a grant as if the account had consented in the browser, for tests
 * that are about what happens after the connect flow. Answers like the token endpoint.
 */
@RestController
@RequestMapping("/emulator/admin")
@ConditionalOnProperty(name = "emulator.admin.enabled", havingValue = "true")
public class GrantAdminController {

    private final Directory directory;
    private final GrantStore grants;
    private final RefreshTokenPolicy refreshTokens;

    public GrantAdminController(Directory directory, GrantStore grants, RefreshTokenPolicy refreshTokens) {
        this.directory = directory;
        this.grants = grants;
        this.refreshTokens = refreshTokens;
    }

    /**
     * @param account  email or sub of a seeded account
     * @param clientId null = the seed's web client
     * @param offline  false = no refresh token (access_type=online)
     */
    public record GrantRequest(String account, String clientId, List<String> scopes, Boolean offline) {
    }

    @PostMapping("/grants")
    public Map<String, Object> grant(@RequestBody GrantRequest request) {
        GoogleOAuthClients.Account account = directory.account(request.account())
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.BAD_REQUEST, "unknown account " + request.account()));
        GoogleOAuthClients.Client client = (request.clientId() == null
                ? directory.registrations().firstOfType(GoogleOAuthClients.ClientType.web)
                : directory.client(request.clientId()))
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.BAD_REQUEST, "unknown client " + request.clientId()));
        Set<String> scopes = new LinkedHashSet<>(request.scopes() == null || request.scopes().isEmpty()
                ? List.of("openid", "email", "https://www.googleapis.com/auth/calendar.app.created") : request.scopes());
        OAuthScopes.requireKnown(scopes);
        boolean offline = request.offline() == null || request.offline();
        GrantStore.Issued issued = grants.consent(account.sub(), account.email(), client.clientId(), scopes, false, offline,
                refreshTokens.lifetime(client, scopes));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("access_token", issued.accessToken());
        body.put("expires_in", issued.expiresIn().toSeconds());
        if (issued.refreshToken() != null) {
            body.put("refresh_token", issued.refreshToken());
        }
        if (issued.refreshTokenExpiresIn() != null) {
            body.put("refresh_token_expires_in", issued.refreshTokenExpiresIn().toSeconds());
        }
        body.put("scope", String.join(" ", issued.scopes()));
        body.put("token_type", "Bearer");
        body.put("client_id", client.clientId());
        body.put("sub", account.sub());
        return body;
    }
}
