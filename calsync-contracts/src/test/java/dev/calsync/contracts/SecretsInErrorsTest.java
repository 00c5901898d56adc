package dev.calsync.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.calsync.contracts.feed.FeedSubscription;
import dev.calsync.contracts.token.TokenGranted;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Decode errors end up in logs and DLQ headers. Neither the message nor anything chained to the
 * exception may carry a ciphertext, even when the ciphertext is what is broken.
 */
class SecretsInErrorsTest {

    private static final String TOKEN = ContractSamples.ENCRYPTED_REFRESH_TOKEN;
    private static final String URL = ContractSamples.ENCRYPTED_URL;

    static Stream<Arguments> brokenGrants() {
        ObjectNode grant = JsonEdits.wireJson(ContractSamples.tokenGranted());
        String text = new String(JsonEdits.bytes(grant), StandardCharsets.UTF_8);
        return Stream.of(
                Arguments.of("required field missing", JsonEdits.bytes(JsonEdits.without(grant, "/grantId"))),
                Arguments.of("ciphertext as the grant id", JsonEdits.bytes(JsonEdits.with(grant, "/grantId", TOKEN))),
                Arguments.of("ciphertext as the grant time", JsonEdits.bytes(JsonEdits.with(grant, "/grantedAt", TOKEN))),
                Arguments.of("ciphertext as a scope list", JsonEdits.bytes(JsonEdits.with(grant, "/scopes", TOKEN))),
                Arguments.of("ciphertext unquoted", text.replace("\"" + TOKEN + "\"", TOKEN).getBytes(StandardCharsets.UTF_8)),
                Arguments.of("cut off inside the ciphertext",
                        text.substring(0, text.indexOf(TOKEN) + 30).getBytes(StandardCharsets.UTF_8)),
                Arguments.of("ciphertext key twice",
                        text.replace("{", "{\"encryptedRefreshToken\":\"" + TOKEN + "\",").getBytes(StandardCharsets.UTF_8)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenGrants")
    void noPartOfTheEncryptedRefreshTokenAppearsInTheError(String name, byte[] payload) {
        MalformedMessageException error = catchThrowableOfType(MalformedMessageException.class,
                () -> ContractJson.decode(payload, TokenGranted.class));

        assertThat(error).isNotNull();
        assertThat(everythingALoggerWouldPrint(error)).doesNotContain(TOKEN.substring(0, 12));
    }

    static Stream<Arguments> brokenSubscriptions() {
        ObjectNode subscription = JsonEdits.wireJson(ContractSamples.feedSubscribed());
        String text = new String(JsonEdits.bytes(subscription), StandardCharsets.UTF_8);
        return Stream.of(
                Arguments.of("required field missing", JsonEdits.bytes(JsonEdits.without(subscription, "/displayName"))),
                Arguments.of("ciphertext as the action", JsonEdits.bytes(JsonEdits.with(subscription, "/action", URL))),
                Arguments.of("ciphertext as the time", JsonEdits.bytes(JsonEdits.with(subscription, "/occurredAt", URL))),
                Arguments.of("ciphertext unquoted", text.replace("\"" + URL + "\"", URL).getBytes(StandardCharsets.UTF_8)),
                Arguments.of("cut off inside the ciphertext",
                        text.substring(0, text.indexOf(URL) + 30).getBytes(StandardCharsets.UTF_8)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenSubscriptions")
    void noPartOfTheEncryptedFeedUrlAppearsInTheError(String name, byte[] payload) {
        MalformedMessageException error = catchThrowableOfType(MalformedMessageException.class,
                () -> ContractJson.decode(payload, FeedSubscription.class));

        assertThat(error).isNotNull();
        assertThat(everythingALoggerWouldPrint(error)).doesNotContain(URL.substring(0, 12));
    }

    /** Message, causes and suppressed exceptions, as a logger prints a stack trace. */
    private static String everythingALoggerWouldPrint(Throwable error) {
        StringWriter out = new StringWriter();
        error.printStackTrace(new PrintWriter(out));
        return out.toString();
    }
}
