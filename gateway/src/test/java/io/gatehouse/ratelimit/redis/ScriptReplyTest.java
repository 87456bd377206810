package io.gatehouse.ratelimit.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatehouse.ratelimit.LimitDecision;
import io.gatehouse.ratelimit.LimitDecision.Verdict;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScriptReplyTest {

    @Test
    void readsTheDecisionInNanosecondsAndTheGrant() {
        ScriptReply reply = ScriptReply.parse(List.of(1L, 10L, 3L, 2_500L, 100L, 4L));

        assertThat(reply.decision()).isEqualTo(new LimitDecision(Verdict.DELAYED, 10, 3, 2_500_000, 100_000));
        assertThat(reply.granted()).isEqualTo(4);
    }

    @Test
    void aReplyWithoutAGrantGrantsNothing() {
        ScriptReply reply = ScriptReply.parse(List.of(2L, 10L, 0L, 1L, 1L));

        assertThat(reply.decision().verdict()).isEqualTo(Verdict.REJECTED);
        assertThat(reply.granted()).isZero();
    }

    @Test
    void rejectsWhatNoLimitScriptAnswers() {
        assertThatThrownBy(() -> ScriptReply.parse(List.of(0L, 1L)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("got [0, 1]");
        assertThatThrownBy(() -> ScriptReply.parse(List.of(3L, 1L, 1L, 1L, 1L)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("verdict of 0, 1 or 2");
        assertThatThrownBy(() -> ScriptReply.parse(List.of(0L, "1", 1L, 1L, 1L)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("integers");
    }
}
