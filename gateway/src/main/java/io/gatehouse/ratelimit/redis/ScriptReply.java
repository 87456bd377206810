package io.gatehouse.ratelimit.redis;

import io.gatehouse.ratelimit.LimitDecision;
import io.gatehouse.ratelimit.LimitDecision.Verdict;
import java.util.List;

/**
 * What a limit script answered: {@code {verdict, limit, remaining, reset us, wait us}}, and from the token bucket
 * also the tokens it granted (more than the cost when a node takes a batch).
 */
record ScriptReply(LimitDecision decision, long granted) {

    private static final Verdict[] VERDICTS = {Verdict.ALLOWED, Verdict.DELAYED, Verdict.REJECTED};

    static ScriptReply parse(List<?> reply) {
        if (reply == null || reply.size() < 5) {
            throw new IllegalStateException("expected a limit script to answer {verdict, limit, remaining, reset,"
                    + " wait[, granted]}, got " + reply);
        }
        long verdict = number(reply, 0);
        if (verdict < 0 || verdict >= VERDICTS.length) {
            throw new IllegalStateException("expected a verdict of 0, 1 or 2 from a limit script, got " + reply);
        }
        LimitDecision decision = new LimitDecision(VERDICTS[(int) verdict], number(reply, 1), number(reply, 2),
                nanos(number(reply, 3)), nanos(number(reply, 4)));
        return new ScriptReply(decision, reply.size() > 5 ? number(reply, 5) : 0);
    }

    private static long number(List<?> reply, int index) {
        if (reply.get(index) instanceof Long value) {
            return value;
        }
        throw new IllegalStateException("expected integers from a limit script, got " + reply);
    }

    private static long nanos(long micros) {
        return Math.max(0, micros) * 1000;
    }
}
