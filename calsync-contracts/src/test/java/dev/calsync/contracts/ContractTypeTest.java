package dev.calsync.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.calsync.contracts.event.NormalizedEvent;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ContractTypeTest {

    @Test
    void everyRecordThatGoesOnATopicHasExactlyOneContractType() {
        List<Class<?>> records = List.of(CalsyncEvent.class.getPermittedSubclasses());

        assertThat(records).hasSize(ContractType.values().length);
        for (Class<?> record : records) {
            assertThat(Arrays.stream(ContractType.values()).filter(type -> type.payloadType() == record))
                    .as(record.getSimpleName()).hasSize(1);
            assertThat(ContractType.of(record).payloadType()).isEqualTo(record);
        }
    }

    @Test
    void everyContractTypeHasItsOwnTopicAndCloudEventType() {
        assertThat(Arrays.stream(ContractType.values()).map(ContractType::topic)).doesNotHaveDuplicates();
        assertThat(Arrays.stream(ContractType.values()).map(ContractType::cloudEventType)).doesNotHaveDuplicates();
    }

    @Test
    void theTopicsAreTheOnesOfTheDesignAndOnlyTheDeadLetterTopicHasNoRecordOfItsOwn() {
        assertThat(Arrays.stream(ContractType.values()).map(ContractType::topic)).containsExactlyInAnyOrder(
                "calsync.token-granted.v1", "calsync.token-revoked.v1", "calsync.feed-subscription.v1",
                "calsync.event-changed.v1", "calsync.resync-requested.v1", "calsync.sync-status.v1");
        assertThat(Topics.EVENT_CHANGED_DLQ).isEqualTo(Topics.EVENT_CHANGED + ".dlq");
    }

    @Test
    void theCloudEventTypeIsTheTopicInReverseDnsForm() {
        for (ContractType type : ContractType.values()) {
            assertThat(type.cloudEventType()).isEqualTo("dev." + type.topic());
        }
        assertThat(ContractType.EVENT_CHANGED.cloudEventType()).isEqualTo("dev.calsync.event-changed.v1");
    }

    @Test
    void aSampleOfEachRecordMapsToTheContractTypeOfTheSameName() {
        assertThat(ContractSamples.oneOfEachRecord())
                .extracting(sample -> ContractType.of(sample.getClass()))
                .containsExactly(ContractType.values());
    }

    @Test
    void aClassThatIsNoContractRecordIsRejectedClearly() {
        assertThatThrownBy(() -> ContractType.of(NormalizedEvent.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("dev.calsync.contracts.event.NormalizedEvent is not a calsync contract record");
        assertThatThrownBy(() -> ContractType.of(null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("payloadType is required");
    }

    @Test
    void theCloudEventsHeadersFollowTheKafkaBinding() {
        assertThat(Set.of(CloudEventHeaders.ID, CloudEventHeaders.TYPE, CloudEventHeaders.SOURCE,
                CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.TIME))
                .containsExactlyInAnyOrder("ce_id", "ce_type", "ce_source", "ce_specversion", "ce_time");
        assertThat(CloudEventHeaders.SPEC_VERSION_VALUE).isEqualTo("1.0");
    }
}
