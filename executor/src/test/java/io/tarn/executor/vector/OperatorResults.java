package io.tarn.executor.vector;

import io.tarn.catalog.type.Batch;
import io.tarn.executor.operator.Operator;

import java.util.ArrayList;
import java.util.List;

/** Drains operators into rows, for tests. */
public final class OperatorResults {
    private OperatorResults() {
    }

    /** All rows of {@code operator}, checking that no batch is empty; closes every batch and the operator. */
    public static List<List<Object>> drain(Operator operator) {
        List<List<Object>> rows = new ArrayList<>();
        try (operator) {
            for (Batch next = operator.next(); next != null; next = operator.next()) {
                try (Batch batch = next) {
                    if (batch.rowCount() == 0) {
                        throw new AssertionError("operator returned an empty batch");
                    }
                    rows.addAll(BatchFixtures.rows(batch));
                }
            }
        }
        return rows;
    }

    /** Splits {@code rows} into consecutive chunks of {@code size}. */
    public static List<List<List<Object>>> chunks(List<List<Object>> rows, int size) {
        List<List<List<Object>>> chunks = new ArrayList<>();
        for (int i = 0; i < rows.size(); i += size) {
            chunks.add(rows.subList(i, Math.min(rows.size(), i + size)));
        }
        return chunks;
    }
}
