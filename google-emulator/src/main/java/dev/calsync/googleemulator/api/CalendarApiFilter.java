package dev.calsync.googleemulator.api;

import dev.calsync.googleemulator.auth.AccessTokenResolver;
import dev.calsync.googleemulator.auth.CalendarScopes;
import dev.calsync.googleemulator.auth.TokenPrincipal;
import dev.calsync.googleemulator.config.EmulatorProperties;
import dev.calsync.googleemulator.ledger.CallLedger;
import dev.calsync.googleemulator.quota.RateLimits;
import dev.calsync.googleemulator.quota.UsageLimits;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * What Google does before a Calendar method runs: authenticate the bearer token (401 required without one, 401
 * authError for one Google does not know), check its scopes against the method's ({@link CalendarOperation#scopes()};
 * 403 insufficientPermissions with an {@code insufficient_scope} challenge), charge the per-user and per-project quota
 * (403/429), refuse writes of an account over its usage limits (403 quotaExceeded), and count the call.
 * The caller is then available to controllers as the request attribute {@link #PRINCIPAL}.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
public class CalendarApiFilter implements WebFilter {

    public static final String PRINCIPAL = "dev.calsync.googleemulator.principal";

    private final AccessTokenResolver tokens;
    private final RateLimits rateLimits;
    private final UsageLimits usageLimits;
    private final CallLedger ledger;
    private final EmulatorProperties properties;

    public CalendarApiFilter(AccessTokenResolver tokens, RateLimits rateLimits, UsageLimits usageLimits,
                             CallLedger ledger, EmulatorProperties properties) {
        this.tokens = tokens;
        this.rateLimits = rateLimits;
        this.usageLimits = usageLimits;
        this.ledger = ledger;
        this.properties = properties;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String path = exchange.getRequest().getPath().value();
        if (!path.startsWith("/calendar/v3/")) {
            return chain.filter(exchange);
        }
        HttpMethod method = exchange.getRequest().getMethod();
        Optional<CalendarOperation> operation = CalendarOperation.of(method, path);
        Set<String> admitting = operation.map(CalendarOperation::scopes).orElse(CalendarScopes.API_ACCESS);
        TokenPrincipal caller;
        try {
            caller = authenticate(exchange, admitting);
        } catch (GoogleApiException refused) {
            if (refused.status() == HttpStatus.FORBIDDEN) {
                // RFC 6750 §3.1: the challenge names the scopes that would do
                exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"https://accounts.google.com/\", "
                        + "error=\"insufficient_scope\", scope=\"" + String.join(" ", new TreeSet<>(admitting)) + "\"");
            }
            return GoogleErrorBodies.write(exchange.getResponse(), refused);
        }
        String methodName = operation.map(CalendarOperation::apiName).orElse(method + " " + path);
        try {
            int units = operation.map(known -> known.quotaUnits(properties.switches().patchQuotaUnits())).orElse(1);
            rateLimits.admit(caller.subject(), units);
            if (!HttpMethod.GET.equals(method)) {
                usageLimits.checkWriteAllowed(caller.subject());
            }
        } catch (GoogleApiException refused) {
            ledger.recordRefusal(caller.email(), methodName, refused.reason());
            return GoogleErrorBodies.write(exchange.getResponse(), refused);
        }
        ledger.record(caller.email(), methodName);
        exchange.getAttributes().put(PRINCIPAL, caller);
        return chain.filter(exchange);
    }

    private TokenPrincipal authenticate(ServerWebExchange exchange, Set<String> admitting) {
        String authorization = exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
        if (authorization == null || authorization.isBlank()) {
            throw GoogleApiException.loginRequired();
        }
        if (!authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw GoogleApiException.authError();
        }
        TokenPrincipal caller = tokens.resolve(authorization.substring(7).trim()).orElseThrow(GoogleApiException::authError);
        if (!caller.hasAnyScope(admitting)) {
            throw GoogleApiException.insufficientPermissions();
        }
        return caller;
    }
}
