package dev.calsync.googleemulator.oauth;

import com.nimbusds.jwt.SignedJWT;
import dev.calsync.googleemulator.auth.TokenPrincipal;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * {@code oauth2.googleapis.com/tokeninfo} (legacy {@code www.googleapis.com/oauth2/v3/tokeninfo}), GET or
 * POST, the token in the query or the form ("OpenID Connect", calling the tokeninfo endpoint; "Using OAuth
 * 2.0 for Client-side Web Applications", token validation). Every value comes back as a JSON string, as
 * Google's do:
 * <ul>
 *   <li>{@code ?access_token=}: {@code azp}, {@code aud}, {@code sub} (⚠️ with an identity scope only),
 *       {@code scope}, {@code exp}, {@code expires_in}, {@code email} and {@code email_verified} (with the
 *       email scope) and {@code access_type};</li>
 *   <li>{@code ?id_token=}: the token's claims, then its header's {@code alg}, {@code kid} and {@code typ},
 *       once its signature is one of the published keys' and it has not expired;</li>
 *   <li>anything unknown, expired, revoked or forged: 400 {@code {"error":"invalid_token","error_description":"Invalid Value"}}.</li>
 * </ul>
 * Expiry is judged on the emulator's clock, like every other token check here.
 */
@RestController
public class TokeninfoController {

    private final GrantStore grants;
    private final SigningKeys keys;
    private final Clock clock;

    public TokeninfoController(GrantStore grants, SigningKeys keys, Clock clock) {
        this.grants = grants;
        this.keys = keys;
        this.clock = clock;
    }

    @RequestMapping(path = {"/tokeninfo", "/oauth2/v3/tokeninfo"}, method = {RequestMethod.GET, RequestMethod.POST})
    public Mono<ResponseEntity<Map<String, String>>> tokeninfo(ServerWebExchange exchange) {
        MultiValueMap<String, String> query = exchange.getRequest().getQueryParams();
        return exchange.getFormData().map(form -> {
            String accessToken = parameter("access_token", query, form);
            String idToken = parameter("id_token", query, form);
            Map<String, String> body;
            if (accessToken != null) {
                body = accessTokenInfo(grants.resolve(accessToken).orElseThrow(TokeninfoController::invalidToken));
            } else if (idToken != null) {
                body = idTokenInfo(idToken);
            } else {
                // ⚠️ Google's wording for a request without a token, as reported; not in its documentation
                throw OAuthException.invalidRequest("Either access_token, id_token, or token_handle required");
            }
            return ResponseEntity.ok().contentType(OAuthExceptionHandler.JSON_UTF8).cacheControl(CacheControl.noStore()).body(body);
        });
    }

    private Map<String, String> accessTokenInfo(TokenPrincipal token) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("azp", token.clientId());
        body.put("aud", token.clientId());
        if (OAuthScopes.anyIdentity(token.scopes())) {
            body.put("sub", token.subject());
        }
        body.put("scope", String.join(" ", token.scopes()));
        body.put("exp", Long.toString(token.expiresAt().getEpochSecond()));
        body.put("expires_in", Long.toString(Math.max(0, Duration.between(clock.instant(), token.expiresAt()).toSeconds())));
        if (OAuthScopes.grantsEmail(token.scopes())) {
            body.put("email", token.email());
            body.put("email_verified", "true");
        }
        body.put("access_type", token.offline() ? "offline" : "online");
        return body;
    }

    private Map<String, String> idTokenInfo(String idToken) {
        SignedJWT token = parse(idToken).filter(keys::signed).orElseThrow(TokeninfoController::invalidToken);
        Map<String, Object> claims;
        Date expiresAt;
        try {
            claims = token.getJWTClaimsSet().toJSONObject();
            expiresAt = token.getJWTClaimsSet().getExpirationTime();
        } catch (ParseException e) {
            throw invalidToken();
        }
        if (expiresAt == null || !Instant.now(clock).isBefore(expiresAt.toInstant())) {
            throw invalidToken();
        }
        Map<String, String> body = new LinkedHashMap<>();
        claims.forEach((name, value) -> body.put(name, asString(value)));
        body.put("alg", token.getHeader().getAlgorithm().getName());
        body.put("kid", token.getHeader().getKeyID());
        if (token.getHeader().getType() != null) {
            body.put("typ", token.getHeader().getType().getType());
        }
        return body;
    }

    private static OAuthException invalidToken() {
        return new OAuthException(HttpStatus.BAD_REQUEST, "invalid_token", "Invalid Value");
    }

    private static Optional<SignedJWT> parse(String idToken) {
        try {
            return Optional.of(SignedJWT.parse(idToken));
        } catch (ParseException e) {
            return Optional.empty();
        }
    }

    /** A claim as Google's tokeninfo writes it: numbers and booleans as strings, a one-element audience as its element. */
    private static String asString(Object value) {
        if (value instanceof List<?> list) {
            return list.size() == 1 ? String.valueOf(list.get(0)) : String.join(" ", list.stream().map(String::valueOf).toList());
        }
        return String.valueOf(value);
    }

    private static String parameter(String name, MultiValueMap<String, String> query, MultiValueMap<String, String> form) {
        String value = form.getFirst(name);
        if (value == null || value.isEmpty()) {
            value = query.getFirst(name);
        }
        return value == null || value.isEmpty() ? null : value;
    }
}
