package io.tarn.executor.plan;

/**
 * SEMI and ANTI output only the left (probe) columns. ANTI keeps left rows with no match for which the condition is
 * TRUE; NULL-aware NOT IN is expressed by the planner (Calcite rewrites it with null checks). RIGHT_SEMI and
 * RIGHT_ANTI are their mirror images, keeping right (build) rows: a semi or anti join whose kept side is the
 * smaller one builds its hash table on that side.
 */
public enum JoinType {
    INNER, LEFT, RIGHT, FULL, SEMI, ANTI, RIGHT_SEMI, RIGHT_ANTI;

    public boolean outputsLeft() {
        return this != RIGHT_SEMI && this != RIGHT_ANTI;
    }

    public boolean outputsRight() {
        return this != SEMI && this != ANTI;
    }

    /** Whether the join must know which build rows matched: it outputs rows of the build side by their matching. */
    public boolean tracksBuildMatches() {
        return this == RIGHT || this == FULL || this == RIGHT_SEMI || this == RIGHT_ANTI;
    }
}
