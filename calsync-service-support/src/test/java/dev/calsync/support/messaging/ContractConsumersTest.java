package dev.calsync.support.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.calsync.contracts.ContractJson;
import dev.calsync.contracts.MalformedMessageException;
import dev.calsync.contracts.status.SyncCounts;
import dev.calsync.contracts.status.SyncOutcome;
import dev.calsync.contracts.status.SyncStage;
import dev.calsync.contracts.status.SyncStatus;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;

class ContractConsumersTest {

    private final SyncStatus status = new SyncStatus("sub-1", null, SyncStage.TOKEN, SyncOutcome.SUCCESS,
            SyncCounts.ZERO, null, Instant.parse("2026-11-23T10:00:00Z"));
    private final List<ReceivedEvent<SyncStatus>> handled = new ArrayList<>();

    @Test
    void readsCloudEventsHeadersInEitherFormAndAsBytes() {
        Message<byte[]> renamedBySpringCloudFunction = MessageBuilder.withPayload(ContractJson.encode(status))
                .setHeader("ce-id", "id-1")
                .setHeader("ce-type", "dev.calsync.sync-status.v1")
                .setHeader(KafkaHeaders.RECEIVED_KEY, "sub-1")
                .build();
        Message<byte[]> rawFromAForeignProducer = MessageBuilder.withPayload(ContractJson.encode(status))
                .setHeader("ce_id", "id-2".getBytes(StandardCharsets.UTF_8))
                .setHeader("ce_source", "/elsewhere".getBytes(StandardCharsets.UTF_8))
                .build();

        ContractConsumers.of(SyncStatus.class, handled::add).accept(renamedBySpringCloudFunction);
        ContractConsumers.of(SyncStatus.class, handled::add).accept(rawFromAForeignProducer);

        assertThat(handled).extracting(ReceivedEvent::cloudEventId).containsExactly("id-1", "id-2");
        assertThat(handled.get(0).key()).isEqualTo("sub-1");
        assertThat(handled.get(1).cloudEventSource()).isEqualTo("/elsewhere");
        assertThat(handled).extracting(ReceivedEvent::payload).containsOnly(status);
    }

    @Test
    void aRecordOfAnotherTypeOnTheTopicIsRejected() {
        Message<byte[]> wrongType = MessageBuilder.withPayload(ContractJson.encode(status))
                .setHeader("ce_type", "dev.calsync.token-revoked.v1")
                .build();
        assertThatThrownBy(() -> ContractConsumers.of(SyncStatus.class, handled::add).accept(wrongType))
                .isInstanceOf(MalformedMessageException.class)
                .hasMessageContaining("dev.calsync.token-revoked.v1");
        assertThat(handled).isEmpty();
    }

    @Test
    void anUnreadablePayloadNeverReachesTheHandler() {
        Message<byte[]> broken = MessageBuilder.withPayload("{".getBytes(StandardCharsets.UTF_8)).build();
        assertThatThrownBy(() -> ContractConsumers.of(SyncStatus.class, handled::add).accept(broken))
                .isInstanceOf(MalformedMessageException.class)
                .hasMessageStartingWith("cannot read SyncStatus");
        assertThat(handled).isEmpty();
    }
}
