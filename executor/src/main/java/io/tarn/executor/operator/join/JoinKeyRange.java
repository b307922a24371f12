package io.tarn.executor.operator.join;

import io.tarn.executor.plan.PhysicalHashJoin;

/**
 * A runtime join filter: the smallest and largest value of a hash join's first build key, published once its table is
 * built. The probe side's scan reads it before opening each of its tasks and skips the row groups whose statistics lie
 * outside it; a fact table clustered by the key (by date, by order) joined with a filtered dimension then reads only
 * the row groups that can match. Only joins whose unmatched probe rows produce no output publish one.
 */
public final class JoinKeyRange {
    private volatile long[] bounds;

    /** Whether the join's keys allow a range: integer-like, compared with SQL equality (so a NULL matches nothing). */
    public static boolean supports(PhysicalHashJoin join) {
        return PackedJoinKeys.applicable(join);
    }

    void publish(long min, long max) {
        bounds = new long[] {min, max};
    }

    /** {min, max}, or null while the table is not built (or the join spilled, and so never publishes). */
    public long[] bounds() {
        return bounds;
    }
}
