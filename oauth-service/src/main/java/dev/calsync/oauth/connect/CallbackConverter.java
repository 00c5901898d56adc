package dev.calsync.oauth.connect;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.registration.ReactiveClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.server.ServerOAuth2AuthorizationCodeAuthenticationTokenConverter;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthorizationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.web.server.authentication.ServerAuthenticationConverter;
import org.springframework.util.MultiValueMap;
import org.springframework.util.StringUtils;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Reads Google's answer at the callback, as Spring Security's own converter for {@code oauth2Login} does, but
 * first refuses an answer that is neither a success ({@code code}) nor an error ({@code error}): Spring would
 * take the pending sign-in for it and then fail building an error response without an error code (a 500 with
 * a stack trace). Refused here, it ends on {@link ConnectErrorPage} and the sign-in is still there to finish.
 */
final class CallbackConverter implements ServerAuthenticationConverter {

    /** The error code of an answer with neither {@code code} nor {@code error}. */
    static final String NO_CODE = "missing_code";

    private final ServerOAuth2AuthorizationCodeAuthenticationTokenConverter answers;

    CallbackConverter(ReactiveClientRegistrationRepository registrations, PendingSignIns pendingSignIns) {
        this.answers = new ServerOAuth2AuthorizationCodeAuthenticationTokenConverter(registrations);
        this.answers.setAuthorizationRequestRepository(pendingSignIns);
    }

    @Override
    public Mono<Authentication> convert(ServerWebExchange exchange) {
        MultiValueMap<String, String> query = exchange.getRequest().getQueryParams();
        if (!StringUtils.hasText(query.getFirst(OAuth2ParameterNames.CODE)) && !StringUtils.hasText(query.getFirst(OAuth2ParameterNames.ERROR))) {
            return Mono.error(new OAuth2AuthenticationException(new OAuth2Error(NO_CODE), NO_CODE));
        }
        // as oauth2Login() wraps its own converter: the failure handler sees authentication failures only
        return answers.convert(exchange).onErrorMap(OAuth2AuthorizationException.class,
                e -> new OAuth2AuthenticationException(e.getError(), e.getError().toString()));
    }
}
