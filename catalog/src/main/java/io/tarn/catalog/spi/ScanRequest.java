package io.tarn.catalog.spi;

import java.util.List;

/**
 * Which columns (indexes into the table schema) a scan reads and which conjunctive constraints it wants. Readers return
 * the first {@code outputColumns} of the columns, in order; the others are read only for the scan's {@link RowFilter}.
 */
public record ScanRequest(int[] projection, int outputColumns, List<ColumnConstraint> constraints, int batchSize) {
    public ScanRequest {
        projection = projection.clone();
        constraints = List.copyOf(constraints);
        if (outputColumns < 0 || outputColumns > projection.length) {
            throw new IllegalArgumentException("outputColumns " + outputColumns + " of " + projection.length + " columns");
        }
    }

    /** A request returning every column it reads. */
    public ScanRequest(int[] projection, List<ColumnConstraint> constraints, int batchSize) {
        this(projection, projection.length, constraints, batchSize);
    }

    /** The same request with other constraints. */
    public ScanRequest withConstraints(List<ColumnConstraint> newConstraints) {
        return new ScanRequest(projection, outputColumns, newConstraints, batchSize);
    }
}
