package dev.calsync.googleemulator.calendar.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.zip.GZIPInputStream;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Two things Google's front end accepts that Google's Java client relies on: {@code POST} with
 * {@code X-HTTP-Method-Override: PATCH} (the JDK's HttpURLConnection, behind NetHttpTransport,
 * cannot send PATCH) and gzip request bodies (the client gzips every body unless told not to).
 * Runs first of all filters, so that fault injection, quota and call counting see events.patch, and
 * the batch endpoint reads a gzipped envelope.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class CalendarRequestNormalizer implements WebFilter {

    static final String METHOD_OVERRIDE = "X-HTTP-Method-Override";

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        String path = request.getPath().value();
        if (!path.startsWith("/calendar/v3/") && !path.startsWith("/batch/calendar/v3")) {
            return chain.filter(exchange);
        }
        String override = request.getHeaders().getFirst(METHOD_OVERRIDE);
        if (override != null && HttpMethod.POST.equals(request.getMethod())) {
            request = request.mutate().method(HttpMethod.valueOf(override.trim().toUpperCase(java.util.Locale.ROOT))).build();
        }
        String encoding = request.getHeaders().getFirst(HttpHeaders.CONTENT_ENCODING);
        if (encoding != null && encoding.trim().equalsIgnoreCase("gzip")) {
            request = new GunzippedRequest(request);
        }
        return chain.filter(exchange.mutate().request(request).build());
    }

    private static final class GunzippedRequest extends ServerHttpRequestDecorator {

        private final HttpHeaders headers;

        GunzippedRequest(ServerHttpRequest delegate) {
            super(delegate);
            HttpHeaders copy = new HttpHeaders();
            copy.putAll(delegate.getHeaders());
            copy.remove(HttpHeaders.CONTENT_ENCODING);
            copy.remove(HttpHeaders.CONTENT_LENGTH);
            this.headers = HttpHeaders.readOnlyHttpHeaders(copy);
        }

        @Override
        public HttpHeaders getHeaders() {
            return headers;
        }

        @Override
        public Flux<DataBuffer> getBody() {
            return DataBufferUtils.join(super.getBody()).map(compressed -> {
                byte[] bytes = new byte[compressed.readableByteCount()];
                compressed.read(bytes);
                DataBufferUtils.release(compressed);
                return compressed.factory().wrap(gunzip(bytes));
            }).flux();
        }

        private static byte[] gunzip(byte[] compressed) {
            try (GZIPInputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(compressed));
                 ByteArrayOutputStream out = new ByteArrayOutputStream()) {
                in.transferTo(out);
                return out.toByteArray();
            } catch (IOException e) {
                throw new UncheckedIOException("request body is not valid gzip", e);
            }
        }
    }
}
