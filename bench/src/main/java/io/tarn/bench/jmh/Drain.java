package io.tarn.bench.jmh;

import io.tarn.catalog.type.Batch;
import io.tarn.executor.operator.Operator;
import org.openjdk.jmh.infra.Blackhole;

/** Pulls an operator dry, handing every batch to the blackhole before closing it; returns the row count. */
final class Drain {
    private Drain() {
    }

    static long rows(Operator operator, Blackhole blackhole) {
        long rows = 0;
        Batch batch;
        while ((batch = operator.next()) != null) {
            try (Batch owned = batch) {
                blackhole.consume(owned.column(0).getDataBuffer().memoryAddress());
                rows += owned.rowCount();
            }
        }
        return rows;
    }
}
