package io.tarn.catalog.parquet;

import io.tarn.catalog.CanonicalOrder;
import io.tarn.catalog.spi.TableStatistics.ColumnStatistics;

/** Folds per-row-group bounds and null counts into table-level column statistics; one unknown makes the result unknown. */
final class ColumnStatisticsAccumulator {
    private long nulls;
    private boolean nullsKnown = true;
    private Object min;
    private Object max;
    private boolean boundsKnown = true;

    void add(StatisticsPruning.Bounds bounds, long groupNulls, long groupRows) {
        if (groupNulls < 0) {
            nullsKnown = false;
        } else {
            nulls += groupNulls;
        }
        if (bounds == null) {
            // a group of only NULLs has no bounds and needs none
            boundsKnown &= groupNulls == groupRows;
            return;
        }
        try {
            min = min == null || CanonicalOrder.compare(bounds.min(), min) < 0 ? bounds.min() : min;
            max = max == null || CanonicalOrder.compare(bounds.max(), max) > 0 ? bounds.max() : max;
        } catch (IllegalArgumentException e) {
            boundsKnown = false;
        }
    }

    ColumnStatistics result() {
        return new ColumnStatistics(nullsKnown ? nulls : -1, -1, boundsKnown ? min : null, boundsKnown ? max : null);
    }
}
