package dev.calsync.calendarwriter.eventchange;

import static org.assertj.core.api.Assertions.assertThat;

import dev.calsync.calendarwriter.config.WriterProperties;
import dev.calsync.calendarwriter.google.GrantNotKnownYetException;
import dev.calsync.calendarwriter.google.InvalidEventException;
import dev.calsync.calendarwriter.poll.PollBudget;
import dev.calsync.calendarwriter.write.SeriesNotWrittenException;
import dev.calsync.contracts.MalformedMessageException;
import dev.calsync.contracts.event.EventChanged;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Headers;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.messaging.MessageHandlingException;
import org.springframework.messaging.support.GenericMessage;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.BackOffExecution;

/** Which failure is retried how, and what a dead letter carries. */
class EventChangeErrorHandlingTest {

    private static final WriterProperties PROPERTIES = new WriterProperties(URI.create("http://127.0.0.1:8082"),
            Duration.ofMinutes(5), 10_000, true, "UTC", 5, Duration.ofMillis(200), Duration.ofSeconds(10), Duration.ofSeconds(30),
            Duration.ofSeconds(1), Duration.ofSeconds(60), 5, Duration.ofMinutes(10), Duration.ofMinutes(2));

    /** The handler's exception as the container hands it over: inside the binding's and the container's wrappers. */
    private static Exception wrapped(RuntimeException cause) {
        return new ListenerExecutionFailedException("Listener failed",
                new MessageHandlingException(new GenericMessage<>("payload"), cause));
    }

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
        BackOff backOff = EventChangeErrorHandling.backOffFor(
                EventChangeErrorHandling.cause(wrapped(new TransientWriteException("503", null))), PROPERTIES);
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

        assertThat(attempts(EventChangeErrorHandling.backOffFor(EventChangeErrorHandling.cause(wrapped(down)), PROPERTIES)))
                .isEqualTo(1_000);
        assertThat(attempts(EventChangeErrorHandling.backOffFor(
                new org.springframework.dao.QueryTimeoutException("statement timeout"), PROPERTIES))).isEqualTo(1_000);
    }

    @Test
    void anOverrideBeforeItsSeriesIsTriedAFewTimesAndAnythingElseNotAgain() {
        assertThat(attempts(EventChangeErrorHandling.backOffFor(new SeriesNotWrittenException("x"), PROPERTIES))).isEqualTo(5);
        assertThat(attempts(EventChangeErrorHandling.backOffFor(new GrantNotKnownYetException("404"), PROPERTIES)))
                .as("a first grant on its way to token-service").isEqualTo(EventChangeErrorHandling.GRANT_WAIT_RETRIES + 1);
        assertThat(attempts(EventChangeErrorHandling.backOffFor(new InvalidEventException("bad", null), PROPERTIES))).isEqualTo(1);
        assertThat(attempts(EventChangeErrorHandling.backOffFor(
                new MalformedMessageException(EventChanged.class, "cannot read EventChanged"), PROPERTIES))).isEqualTo(1);
    }

    @Test
    void aPollOutOfBudgetHandsTheRecordToTheNextPollAtOnce() {
        BackOffExecution execution = EventChangeErrorHandling.backOffFor(new PollBudget.Exhausted(Duration.ofMinutes(3)), PROPERTIES)
                .start();

        assertThat(execution.nextBackOff()).isZero();
    }

    @Test
    void aDeadLetterCarriesTheBindersHeadersWithTheHandlersOwnMessage() {
        ConsumerRecord<String, byte[]> record = new ConsumerRecord<>("calsync.event-changed.v1", 7, 42L, "sub-1",
                "{}".getBytes(StandardCharsets.UTF_8));

        Headers headers = EventChangeErrorHandling.binderHeaders(record,
                wrapped(new InvalidEventException("Google rejected the event: invalid", null)));

        assertThat(new String(headers.lastHeader("x-original-topic").value(), StandardCharsets.UTF_8))
                .isEqualTo("calsync.event-changed.v1");
        assertThat(java.nio.ByteBuffer.wrap(headers.lastHeader("x-original-partition").value()).getInt()).isEqualTo(7);
        assertThat(java.nio.ByteBuffer.wrap(headers.lastHeader("x-original-offset").value()).getLong()).isEqualTo(42L);
        assertThat(new String(headers.lastHeader("x-exception-message").value(), StandardCharsets.UTF_8))
                .isEqualTo("Google rejected the event: invalid");
        assertThat(new String(headers.lastHeader("x-exception-fqcn").value(), StandardCharsets.UTF_8))
                .isEqualTo(InvalidEventException.class.getName());
        assertThat(EventChangeErrorHandling.reason(new SeriesNotWrittenException("x")))
                .isEqualTo("an exception to a recurring event arrived without its series");
    }
}
