package dev.calsync.googleemulator.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.reactivestreams.Publisher;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Google's {@code fields} parameter on every Calendar method, in one place: a malformed selection, or
 * one naming a field the method's resource does not have, is refused before the method runs (a write
 * with a bad mask changes nothing), and a successful JSON answer
 * is cut down to the selection. Errors, 204 and 304 pass untouched. Batch parts are replayed through
 * this same server, so a part's own {@code fields} applies to that part. Runs after authentication and
 * quota, as a bad mask is a bad request of a caller Google has already admitted.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 20)
public class PartialResponseFilter implements WebFilter {

    static final String FIELDS = "fields";

    private final ObjectMapper json = new ObjectMapper();
    private final CalendarFieldSchema schema = CalendarFieldSchema.load();

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        List<String> masks = exchange.getRequest().getQueryParams().get(FIELDS);
        if (!exchange.getRequest().getPath().value().startsWith("/calendar/v3/") || masks == null
                || masks.stream().allMatch(String::isEmpty)) {
            return chain.filter(exchange);
        }
        FieldSelection selection;
        try {
            selection = selection(exchange.getRequest(), masks);
        } catch (GoogleApiException malformed) {
            return GoogleErrorBodies.write(exchange.getResponse(), malformed);
        }
        return chain.filter(exchange.mutate().response(new SelectedResponse(exchange.getResponse(), selection)).build());
    }

    /** The {@code fields} values together (a repeated parameter adds to the selection), checked against the answer's resource. */
    private FieldSelection selection(ServerHttpRequest request, List<String> masks) {
        FieldSelection selection = FieldSelection.parse(String.join(",", masks.stream().filter(mask -> !mask.isEmpty()).toList()));
        CalendarOperation.of(request.getMethod(), request.getPath().value())
                .flatMap(schema::answerOf)
                .ifPresent(resource -> selection.checkNames(schema, resource));
        return selection;
    }

    private final class SelectedResponse extends ServerHttpResponseDecorator {

        private final FieldSelection selection;

        private SelectedResponse(ServerHttpResponse delegate, FieldSelection selection) {
            super(delegate);
            this.selection = selection;
        }

        @Override
        public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
            HttpStatusCode status = getStatusCode();
            MediaType type = getHeaders().getContentType();
            if ((status != null && !status.is2xxSuccessful()) || type == null || !MediaType.APPLICATION_JSON.isCompatibleWith(type)) {
                return super.writeWith(body);
            }
            return DataBufferUtils.join(Flux.from(body)).flatMap(buffer -> {
                if (buffer.readableByteCount() == 0) {
                    return super.writeWith(Mono.just(buffer));
                }
                byte[] selected;
                try (InputStream answer = buffer.asInputStream(true)) {
                    selected = json.writeValueAsBytes(selection.apply(json.readTree(answer)));
                } catch (IOException e) {
                    return Mono.error(e);
                }
                getHeaders().setContentLength(selected.length);
                return super.writeWith(Mono.just(bufferFactory().wrap(selected)));
            });
        }
    }
}
