package dev.calsync.contracts.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.calsync.contracts.ContractSamples;
import org.junit.jupiter.api.Test;

/** Which fields an event change needs depends on its change type. */
class EventChangedTest {

    @Test
    void anUpsertCarriesTheEventAndItsHash() {
        assertThatThrownBy(() -> ContractSamples.eventChanged().event(null).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("EventChanged.event is required for UPSERT");
        assertThatThrownBy(() -> ContractSamples.eventChanged().contentHash(" ").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("EventChanged.contentHash is required for UPSERT");
    }

    @Test
    void aDeleteNeedsTheUidButNoEvent() {
        EventChanged delete = ContractSamples.eventChanged().changeType(ChangeType.DELETE).event(null).contentHash(null)
                .build();

        assertThat(delete.event()).isNull();
        assertThatThrownBy(() -> ContractSamples.eventChanged().changeType(ChangeType.DELETE).uid(null).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("EventChanged.uid is required unless FEED_REMOVED");
    }

    @Test
    void aRemovedFeedNeedsNoUid() {
        EventChanged removed = ContractSamples.feedRemoved();

        assertThat(removed.uid()).isNull();
        assertThat(removed.feedId()).isEqualTo(ContractSamples.FEED_ID);
    }

    @Test
    void versionsStartAtOne() {
        assertThat(ContractSamples.eventChanged().version(1L).build().version()).isEqualTo(1L);
        assertThatThrownBy(() -> ContractSamples.eventChanged().version(0L).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("EventChanged.version must be greater than 0");
        assertThatThrownBy(() -> ContractSamples.eventChanged().version(-5L).build())
                .hasMessage("EventChanged.version must be greater than 0");
    }

    @Test
    void theGrantIsAlwaysRequiredEvenToRemoveAFeed() {
        assertThatThrownBy(() -> ContractSamples.eventChanged().changeType(ChangeType.FEED_REMOVED).uid(null)
                .event(null).contentHash(null).grantId(null).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("EventChanged.grantId is required");
    }

    @Test
    void blankIdsCountAsMissing() {
        assertThatThrownBy(() -> ContractSamples.eventChanged().subscriberId("").build())
                .hasMessage("EventChanged.subscriberId is required");
        assertThatThrownBy(() -> ContractSamples.eventChanged().feedId("  ").build())
                .hasMessage("EventChanged.feedId is required");
        assertThatThrownBy(() -> ContractSamples.eventChanged().feedDisplayName(" ").build())
                .hasMessage("EventChanged.feedDisplayName must not be blank when present");
    }

    @Test
    void anOverrideNamesTheInstanceItReplaces() {
        EventChanged override = ContractSamples.overrideChanged();

        assertThat(override.recurrenceId()).isNotNull();
        assertThat(override.recurrenceId().canonical()).isEqualTo("Europe/Berlin:20261208T090000");
        assertThat(override.uid()).isEqualTo(ContractSamples.eventChanged().build().uid());
    }

    @Test
    void aRunIsNamedByItsFirstVersionAndSizeTogether() {
        EventChanged inRun = ContractSamples.eventChanged().build().inRun(101L, 3);

        assertThat(inRun.runId()).isEqualTo(101L);
        assertThat(inRun.runSize()).isEqualTo(3);
        assertThat(ContractSamples.eventChanged().build().runId()).isNull();
        assertThatThrownBy(() -> ContractSamples.eventChanged().build().inRun(101L, 0))
                .hasMessage("EventChanged.runSize must be greater than 0");
    }
}
