package io.tarn.executor.plan;

/**
 * SEMI and ANTI output only the left (probe) columns. ANTI keeps left rows with no match for which the condition is
 * TRUE; NULL-aware NOT IN is expressed by the planner (Calcite rewrites it with null checks).
 */
public enum JoinType {
    INNER, LEFT, RIGHT, FULL, SEMI, ANTI;

    public boolean outputsRight() {
        return this != SEMI && this != ANTI;
    }
}
