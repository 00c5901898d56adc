package dev.calsync.googleemulator.fault;

import dev.calsync.googleemulator.api.CalendarOperation;
import dev.calsync.googleemulator.api.GoogleApiException;
import dev.calsync.googleemulator.api.GoogleErrorBodies;
import io.netty.channel.ChannelOption;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import org.reactivestreams.Publisher;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;
import reactor.netty.Connection;

/** Applies the armed faults before authentication, quota and the handlers see the call. */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 2)
public class FaultInjectionFilter implements WebFilter {

    private final FaultPlan plan;

    public FaultInjectionFilter(FaultPlan plan) {
        this.plan = plan;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        Optional<String> endpoint = endpointOf(exchange.getRequest());
        if (endpoint.isEmpty()) {
            return chain.filter(exchange);
        }
        Optional<FaultPlan.Decision> decision = plan.decide(endpoint.get());
        if (decision.isEmpty()) {
            return chain.filter(exchange);
        }
        FaultPlan.Decision fault = decision.get();
        Mono<Void> outcome = fault.reset() ? dropConnection(exchange)
                : fault.status() > 0 ? fail(exchange, endpoint.get(), fault)
                : fault.holdResponseMs() > 0 ? chain.filter(holdingTheAnswer(exchange, Duration.ofMillis(fault.holdResponseMs())))
                : chain.filter(exchange);
        return fault.latencyMs() > 0 ? Mono.delay(Duration.ofMillis(fault.latencyMs())).then(outcome) : outcome;
    }

    static Optional<String> endpointOf(ServerHttpRequest request) {
        String path = request.getPath().value();
        if (path.startsWith("/calendar/v3/")) {
            return CalendarOperation.of(request.getMethod(), path).map(CalendarOperation::apiName);
        }
        if (path.equals("/token") || path.equals("/o/oauth2/token") || path.equals("/oauth2/v4/token")) {
            return Optional.of("oauth.token");
        }
        if (path.equals("/revoke") || path.equals("/o/oauth2/revoke")) {
            return Optional.of("oauth.revoke");
        }
        return Optional.empty();
    }

    private static Mono<Void> fail(ServerWebExchange exchange, String endpoint, FaultPlan.Decision fault) {
        HttpStatus status = HttpStatus.valueOf(fault.status());
        if (fault.retryAfterSeconds() > 0) {
            exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, String.valueOf(fault.retryAfterSeconds()));
        }
        if (endpoint.startsWith("oauth.")) {
            // the token and revoke endpoints answer OAuth's flat error JSON, not the Calendar envelope
            String error = fault.reason() != null ? fault.reason() : status.is5xxServerError() ? "internal_failure" : "invalid_request";
            exchange.getResponse().setStatusCode(status);
            exchange.getResponse().getHeaders().setContentType(MediaType.APPLICATION_JSON);
            byte[] body = ("{\"error\":\"" + error + "\",\"error_description\":\"" + status.getReasonPhrase() + "\"}")
                    .getBytes(StandardCharsets.UTF_8);
            return exchange.getResponse().writeWith(Mono.just(exchange.getResponse().bufferFactory().wrap(body)));
        }
        return GoogleErrorBodies.write(exchange.getResponse(), googleError(status, fault.reason()));
    }

    /** The error Google gives for a status, unless the fault names its own reason. */
    static GoogleApiException googleError(HttpStatus status, String reason) {
        if (reason != null) {
            String domain = reason.endsWith("RateLimitExceeded") || reason.equals("rateLimitExceeded") || reason.equals("quotaExceeded")
                    ? "usageLimits" : "global";
            return new GoogleApiException(status, domain, reason, status.getReasonPhrase());
        }
        return GoogleApiException.ofStatus(status);
    }

    /**
     * The handler runs (the call takes effect) and its answer waits: the response's first write or
     * completion is delayed, so nothing of it (not even the status line) leaves before the hold ends.
     */
    private static ServerWebExchange holdingTheAnswer(ServerWebExchange exchange, Duration hold) {
        ServerHttpResponseDecorator held = new ServerHttpResponseDecorator(exchange.getResponse()) {
            @Override
            public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
                return Mono.delay(hold).then(Mono.defer(() -> super.writeWith(body)));
            }

            @Override
            public Mono<Void> writeAndFlushWith(Publisher<? extends Publisher<? extends DataBuffer>> body) {
                return Mono.delay(hold).then(Mono.defer(() -> super.writeAndFlushWith(body)));
            }

            @Override
            public Mono<Void> setComplete() {
                return Mono.delay(hold).then(Mono.defer(super::setComplete));
            }
        };
        return exchange.mutate().response(held).build();
    }

    /** A TCP reset, as a flaky network gives: SO_LINGER 0 makes close() send RST instead of FIN. */
    private static Mono<Void> dropConnection(ServerWebExchange exchange) {
        Object nativeRequest = ServerHttpRequestDecorator.getNativeRequest(exchange.getRequest());
        if (nativeRequest instanceof Connection connection) {
            connection.channel().config().setOption(ChannelOption.SO_LINGER, 0);
            connection.channel().close();
            return Mono.empty();
        }
        return Mono.error(new IllegalStateException("cannot reset a connection of " + nativeRequest.getClass()));
    }
}
