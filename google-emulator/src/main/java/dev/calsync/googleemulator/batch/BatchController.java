package dev.calsync.googleemulator.batch;

import dev.calsync.googleemulator.api.GoogleApiException;
import dev.calsync.googleemulator.api.GoogleErrorBodies;
import dev.calsync.googleemulator.config.EmulatorProperties;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.core.ResolvableType;
import org.springframework.core.codec.DecodingException;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.codec.multipart.DefaultPartHttpMessageReader;
import org.springframework.http.codec.multipart.Part;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.UriComponentsBuilder;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * {@code POST /batch/calendar/v3}: a multipart/mixed envelope of Calendar calls ("Send batch requests").
 * Each part is replayed against the emulator itself over loopback HTTP, so it passes the same
 * authentication, quota, usage-limit, fault and call-count path as a single call (Google counts n calls
 * in a batch as n). The answer is one outer 200 whose parts carry each call's own status, in request order.
 * Line ends may be CRLF or bare LF; a part addressed outside {@code /calendar/v3/} is answered 404 in its
 * part without being replayed; an envelope that cannot be read is a 400 for the whole batch, one larger than
 * {@code emulator.quota.max-batch-size} a 413.
 */
@RestController
public class BatchController {

    private static final Set<String> NOT_INHERITED = Set.of(HttpHeaders.CONTENT_TYPE.toLowerCase(),
            HttpHeaders.CONTENT_LENGTH.toLowerCase(), "content-transfer-encoding", "content-id", HttpHeaders.HOST.toLowerCase(),
            HttpHeaders.TRANSFER_ENCODING.toLowerCase(), HttpHeaders.CONNECTION.toLowerCase(), HttpHeaders.ACCEPT_ENCODING.toLowerCase());
    private static final ObjectMapper JSON = new ObjectMapper();

    private final EmulatorProperties properties;
    private final WebClient loopback = WebClient.builder().build();
    private final DefaultPartHttpMessageReader parts = new DefaultPartHttpMessageReader();
    /** {@code emulator.quota.max-batch-size}: a larger envelope is a 413 for the whole batch. */
    private final int maxBytes;

    public BatchController(EmulatorProperties properties) {
        this.properties = properties;
        this.maxBytes = Math.toIntExact(properties.quota().maxBatchSize().toBytes());
        // the envelope is already in memory (at most maxBytes): its parts need not go to temporary files
        parts.setMaxInMemorySize(maxBytes);
    }

    private record Call(String contentId, EmbeddedHttpRequest request) {
    }

    private record Answer(String contentId, HttpStatus status, HttpHeaders headers, byte[] body) {
    }

    @PostMapping("/batch/calendar/v3")
    public Mono<ResponseEntity<byte[]>> batch(ServerWebExchange exchange) {
        MediaType contentType = exchange.getRequest().getHeaders().getContentType();
        if (contentType == null || !"multipart".equals(contentType.getType())) {
            return Mono.just(error(GoogleApiException.invalid("Batch requests must be multipart/mixed.")));
        }
        HttpHeaders outer = exchange.getRequest().getHeaders();
        String base = "http://127.0.0.1:" + localPort(exchange);
        return parts.read(ResolvableType.forClass(Part.class), withCrlfLineEnds(exchange.getRequest(), maxBytes), Map.of())
                .concatMap(this::toCall)
                .collectList()
                .flatMap(calls -> {
                    if (calls.isEmpty()) {
                        return Mono.just(error(GoogleApiException.invalid("A batch request holds no calls.")));
                    }
                    if (calls.size() > properties.quota().maxBatchParts()) {
                        return Mono.just(error(GoogleApiException.invalid(
                                "A batch request cannot contain more than " + properties.quota().maxBatchParts() + " calls.")));
                    }
                    return Flux.fromIterable(calls).concatMap(call -> dispatch(base, outer, call)).collectList().map(this::envelope);
                })
                .onErrorResume(DataBufferLimitException.class, tooLarge -> Mono.just(error(new GoogleApiException(
                        HttpStatus.PAYLOAD_TOO_LARGE, "global", "invalid", "A batch request cannot be larger than " + maxBytes
                        + " bytes."))))
                .onErrorResume(IllegalArgumentException.class,
                        malformed -> Mono.just(error(GoogleApiException.invalid(malformed.getMessage()))))
                // Spring's own message may quote the request; Google's 400 says what is wrong, nothing more
                .onErrorResume(DecodingException.class,
                        malformed -> Mono.just(error(GoogleApiException.invalid("The batch request is not a valid multipart/mixed body."))));
    }

    /**
     * The whole envelope, at most {@code maxBytes} (else DataBufferLimitException), with every line end CRLF: the
     * one place line ends are converted, for the multipart reader and the parts' request lines and headers alike.
     */
    private static ServerHttpRequest withCrlfLineEnds(ServerHttpRequest request, int maxBytes) {
        return new ServerHttpRequestDecorator(request) {
            @Override
            public Flux<DataBuffer> getBody() {
                return bytesOf(super.getBody(), maxBytes)
                        .<DataBuffer>map(bytes -> DefaultDataBufferFactory.sharedInstance.wrap(LineEndings.toCrlf(bytes))).flux();
            }
        };
    }

    private Mono<Call> toCall(Part part) {
        String contentId = part.headers().getFirst("Content-ID");
        return bytesOf(part.content(), maxBytes).map(bytes -> new Call(contentId, EmbeddedHttpRequest.parse(bytes)));
    }

    private static Mono<byte[]> bytesOf(Flux<DataBuffer> content, int maxBytes) {
        return DataBufferUtils.join(content, maxBytes).map(buffer -> {
            byte[] bytes = new byte[buffer.readableByteCount()];
            buffer.read(bytes);
            DataBufferUtils.release(buffer);
            return bytes;
        });
    }

    private Mono<Answer> dispatch(String base, HttpHeaders outer, Call call) {
        EmbeddedHttpRequest request = call.request();
        if (!request.addressesCalendarApi()) {
            // not one of this API's methods: what Google's router says about any unknown method (404), in its part
            return Mono.just(answer(call.contentId(), GoogleApiException.notFound()));
        }
        return loopback.method(request.method())
                // the raw path and query exactly as checked; build(true) keeps their encoding as it is
                .uri(UriComponentsBuilder.fromHttpUrl(base).path(request.path()).query(request.query()).build(true).toUri())
                .headers(headers -> {
                    // every outer header but Content-* is inherited unless the part sets its own
                    outer.forEach((name, values) -> {
                        if (!NOT_INHERITED.contains(name.toLowerCase()) && !request.headers().containsKey(name)) {
                            headers.addAll(name, values);
                        }
                    });
                    request.headers().forEach((name, values) -> {
                        if (!name.equalsIgnoreCase(HttpHeaders.CONTENT_LENGTH)) {
                            headers.addAll(name, values);
                        }
                    });
                })
                .bodyValue(request.body())
                .exchangeToMono(response -> response.bodyToMono(byte[].class).defaultIfEmpty(new byte[0])
                        .map(body -> new Answer(call.contentId(), HttpStatus.valueOf(response.statusCode().value()),
                                response.headers().asHttpHeaders(), body)));
    }

    private ResponseEntity<byte[]> envelope(List<Answer> answers) {
        String boundary = "batch_" + UUID.randomUUID().toString().replace("-", "");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Answer answer : answers) {
            StringBuilder head = new StringBuilder()
                    .append("--").append(boundary).append("\r\n")
                    .append("Content-Type: application/http\r\n");
            if (answer.contentId() != null) {
                head.append("Content-ID: <response-").append(answer.contentId().replaceAll("^<|>$", "")).append(">\r\n");
            }
            head.append("\r\n")
                    .append("HTTP/1.1 ").append(answer.status().value()).append(' ').append(answer.status().getReasonPhrase()).append("\r\n");
            MediaType type = answer.headers().getContentType();
            if (type != null) {
                head.append("Content-Type: ").append(type).append("\r\n");
            }
            String etag = answer.headers().getETag();
            if (etag != null) {
                head.append("ETag: ").append(etag).append("\r\n");
            }
            head.append("Content-Length: ").append(answer.body().length).append("\r\n\r\n");
            out.writeBytes(head.toString().getBytes(StandardCharsets.UTF_8));
            out.writeBytes(answer.body());
            out.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        out.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("multipart/mixed; boundary=" + boundary)).body(out.toByteArray());
    }

    private static ResponseEntity<byte[]> error(GoogleApiException error) {
        return ResponseEntity.status(error.status()).header(HttpHeaders.CONTENT_TYPE, GoogleErrorBodies.JSON_UTF8_HEADER)
                .body(errorBody(error));
    }

    private static Answer answer(String contentId, GoogleApiException error) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(GoogleErrorBodies.JSON_UTF8);
        return new Answer(contentId, error.status(), headers, errorBody(error));
    }

    private static byte[] errorBody(GoogleApiException error) {
        try {
            return JSON.writeValueAsBytes(GoogleErrorBodies.body(error));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int localPort(ServerWebExchange exchange) {
        InetSocketAddress local = exchange.getRequest().getLocalAddress();
        if (local == null) {
            throw new IllegalStateException("the batch endpoint needs the server's local address to replay calls");
        }
        return local.getPort();
    }
}
