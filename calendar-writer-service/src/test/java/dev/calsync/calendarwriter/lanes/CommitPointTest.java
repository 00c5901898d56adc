package dev.calsync.calendarwriter.lanes;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The commit moves past a record only once every record before it finished, whatever order they finish in. */
class CommitPointTest {

    private final CommitPoint<String> point = new CommitPoint<>();

    @Test
    void recordsFinishingOutOfOrderMoveTheCommitOnlyOverTheFinishedPrefix() {
        point.add(10, "ack-10");
        point.add(11, "ack-11");
        point.add(12, "ack-12");

        assertThat(point.finish(11)).as("10 is still open").isEmpty();
        assertThat(point.finish(12)).isEmpty();
        assertThat(point.size()).isEqualTo(3);
        assertThat(point.lowestOpen()).contains(10L);

        assertThat(point.finish(10)).as("the highest of the finished prefix").contains("ack-12");
        assertThat(point.size()).isZero();
        assertThat(point.lowestOpen()).isEmpty();
    }

    @Test
    void aRecordFinishedTwiceOrNeverAddedMovesNothing() {
        point.add(5, "ack-5");
        assertThat(point.finish(5)).contains("ack-5");

        assertThat(point.finish(5)).isEmpty();
        assertThat(point.finish(99)).isEmpty();
    }

    @Test
    void aRecordAddedAgainKeepsItsFirstAcknowledgment() {
        point.add(7, "first");
        point.add(7, "second");

        assertThat(point.size()).isEqualTo(1);
        assertThat(point.finish(7)).contains("first");
    }
}
