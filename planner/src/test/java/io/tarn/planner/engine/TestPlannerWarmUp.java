package io.tarn.planner.engine;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;

/** The warm-up swallows errors, so a query shape that stopped planning would silently warm nothing: check each. */
class TestPlannerWarmUp {
    @Test
    void everyWarmUpQueryPlans() {
        try (Engine engine = Engine.inMemory(); Session session = engine.newSession()) {
            for (String statement : PlannerWarmUp.SCHEMA) {
                session.execute(statement).close();
            }
            long start = System.nanoTime();
            for (int round = 0; round < 12; round++) {
                for (String query : PlannerWarmUp.QUERIES) {
                    assertDoesNotThrow(() -> session.execute("EXPLAIN " + query).close(), query);
                }
            }
            System.out.printf("warm-up rounds took %.0f ms%n", (System.nanoTime() - start) / 1e6);
        }
    }
}
