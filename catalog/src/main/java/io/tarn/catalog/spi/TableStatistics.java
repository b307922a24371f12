package io.tarn.catalog.spi;

import java.util.List;

/** Table statistics for the cost-based optimizer; unknown values are -1 / null. */
public record TableStatistics(long rowCount, List<ColumnStatistics> columns) {
    public TableStatistics {
        columns = List.copyOf(columns);
    }

    public record ColumnStatistics(long nullCount, long distinctCount, Object min, Object max) {
        public static final ColumnStatistics UNKNOWN = new ColumnStatistics(-1, -1, null, null);
    }
}
