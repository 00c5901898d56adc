package dev.calsync.calendarwriter.eventchange;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.api.client.googleapis.json.GoogleJsonResponseException;
import com.google.api.client.http.HttpHeaders;
import com.google.api.client.http.HttpResponseException;
import dev.calsync.calendarwriter.config.WriterProperties;
import dev.calsync.calendarwriter.google.GrantNotKnownYetException;
import dev.calsync.calendarwriter.google.InvalidEventException;
import dev.calsync.calendarwriter.support.WriterSettings;
import dev.calsync.calendarwriter.write.SeriesNotWrittenException;
import dev.calsync.contracts.MalformedMessageException;
import dev.calsync.contracts.event.EventChanged;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Headers;
import org.junit.jupiter.api.Test;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.BackOffExecution;

/** Which failure is retried how, and what a dead letter carries. */
class FailurePolicyTest {

    private static final WriterProperties PROPERTIES = WriterSettings.with(java.util.Map.of());

    private static long attempts(BackOff backOff) {
        BackOffExecution execution = backOff.start();
        long attempts = 1;
        while (execution.nextBackOff() != BackOffExecution.STOP && attempts < 1_000) {
            attempts++;
        }
        return attempts;
    }

    @Test
    void aTransientFailureIsRetriedWithoutEndAndGrowingPauses() {
        BackOff backOff = FailurePolicy.backOffFor(FailurePolicy.cause(new TransientWriteException("503", null)), PROPERTIES);
        BackOffExecution execution = backOff.start();

        assertThat(attempts(backOff)).as("never dead-lettered").isEqualTo(1_000);
        assertThat(execution.nextBackOff()).isEqualTo(1_000);
        assertThat(execution.nextBackOff()).isEqualTo(2_000);
        for (int i = 0; i < 20; i++) {
            execution.nextBackOff();
        }
        assertThat(execution.nextBackOff()).isEqualTo(60_000);
    }

    @Test
    void theWritersDatabaseBeingDownIsRetriedWithoutEndNeverDeadLettered() {
        RuntimeException down = new org.springframework.jdbc.CannotGetJdbcConnectionException("Failed to obtain JDBC Connection",
                new java.sql.SQLTransientConnectionException("HikariPool-1 - Connection is not available"));

        assertThat(attempts(FailurePolicy.backOffFor(FailurePolicy.cause(down), PROPERTIES)))
                .isEqualTo(1_000);
        assertThat(attempts(FailurePolicy.backOffFor(
                new org.springframework.dao.QueryTimeoutException("statement timeout"), PROPERTIES))).isEqualTo(1_000);
    }

    @Test
    void anOverrideBeforeItsSeriesIsTriedAFewTimesAndAnythingElseNotAgain() {
        assertThat(attempts(FailurePolicy.backOffFor(new SeriesNotWrittenException("x"), PROPERTIES))).isEqualTo(5);
        assertThat(attempts(FailurePolicy.backOffFor(new GrantNotKnownYetException("404"), PROPERTIES)))
                .as("a first grant on its way to token-service").isEqualTo(FailurePolicy.GRANT_WAIT_RETRIES + 1);
        assertThat(attempts(FailurePolicy.backOffFor(new InvalidEventException("bad", null), PROPERTIES))).isEqualTo(1);
        assertThat(attempts(FailurePolicy.backOffFor(
                new MalformedMessageException(EventChanged.class, "cannot read EventChanged"), PROPERTIES))).isEqualTo(1);
    }

    @Test
    void googlesCircuitOpenWaitsAsLongAsTheCircuitStaysOpenAndNeverGivesUp() {
        CallNotPermittedException open = CallNotPermittedException.createCallNotPermittedException(CircuitBreaker.ofDefaults("google"));
        Throwable cause = FailurePolicy.cause(new TransientWriteException("a change could not be written for now", open));
        BackOffExecution execution = FailurePolicy.backOffFor(cause, PROPERTIES).start();

        assertThat(cause).isSameAs(open);
        assertThat(execution.nextBackOff()).isEqualTo(PROPERTIES.circuitOpenDuration().toMillis());
        assertThat(attempts(FailurePolicy.backOffFor(cause, PROPERTIES))).isEqualTo(1_000);
        assertThat(FailurePolicy.kind(cause)).isNotEqualTo(FailurePolicy.kind(new TransientWriteException("503", null)));
    }

    @Test
    void whileAChangeWaitsThePersonReadsWhyInWords() throws Exception {
        CallNotPermittedException open = CallNotPermittedException.createCallNotPermittedException(CircuitBreaker.ofDefaults("google"));
        GoogleJsonResponseException slowDown = new GoogleJsonResponseException(
                new HttpResponseException.Builder(429, "Too Many Requests", new HttpHeaders()), null);

        assertThat(EventChangeHandler.waitReason(open)).contains("failing for everyone").contains("retried");
        assertThat(EventChangeHandler.waitReason(slowDown)).contains("slow down").contains("retried");
        assertThat(EventChangeHandler.waitReason(new SocketTimeoutException("Read timed out")))
                .isEqualTo("Google did not answer in time; the change is retried");
    }

    @Test
    void aDeadLetterCarriesTheBindersHeadersWithTheHandlersOwnMessage() {
        ConsumerRecord<String, byte[]> record = new ConsumerRecord<>("calsync.event-changed.v1", 7, 42L, "sub-1",
                "{}".getBytes(StandardCharsets.UTF_8));

        Headers headers = DeadLetters.binderHeaders(record, new InvalidEventException("Google rejected the event: invalid", null));

        assertThat(new String(headers.lastHeader("x-original-topic").value(), StandardCharsets.UTF_8))
                .isEqualTo("calsync.event-changed.v1");
        assertThat(java.nio.ByteBuffer.wrap(headers.lastHeader("x-original-partition").value()).getInt()).isEqualTo(7);
        assertThat(java.nio.ByteBuffer.wrap(headers.lastHeader("x-original-offset").value()).getLong()).isEqualTo(42L);
        assertThat(new String(headers.lastHeader("x-exception-message").value(), StandardCharsets.UTF_8))
                .isEqualTo("Google rejected the event: invalid");
        assertThat(new String(headers.lastHeader("x-exception-fqcn").value(), StandardCharsets.UTF_8))
                .isEqualTo(InvalidEventException.class.getName());
        assertThat(FailurePolicy.reason(new SeriesNotWrittenException("x")))
                .isEqualTo("an exception to a recurring event arrived without its series");
    }
}
