package io.tarn.catalog.spi;

import java.util.List;

/** Which columns (indexes into the table schema, in output order) and which conjunctive constraints a scan wants. */
public record ScanRequest(int[] projection, List<ColumnConstraint> constraints, int batchSize) {
    public ScanRequest {
        projection = projection.clone();
        constraints = List.copyOf(constraints);
    }
}
