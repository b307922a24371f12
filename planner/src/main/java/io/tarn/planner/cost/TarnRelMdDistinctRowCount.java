package io.tarn.planner.cost;

import io.tarn.catalog.spi.TableStatistics;
import io.tarn.planner.catalog.TarnCalciteTable;
import org.apache.calcite.rel.core.TableScan;
import org.apache.calcite.rel.metadata.BuiltInMetadata;
import org.apache.calcite.rel.metadata.ReflectiveRelMetadataProvider;
import org.apache.calcite.rel.metadata.RelMdDistinctRowCount;
import org.apache.calcite.rel.metadata.RelMdUtil;
import org.apache.calcite.rel.metadata.RelMetadataProvider;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.util.ImmutableBitSet;

/**
 * Distinct counts of table columns from the table's statistics: the recorded count when the table has one (Puffin
 * sketches, later), else for integer and date columns the width of the [min, max] range, capped by the row count;
 * columns with no usable statistics count as all distinct.
 */
public final class TarnRelMdDistinctRowCount extends RelMdDistinctRowCount {
    public static final RelMetadataProvider SOURCE = ReflectiveRelMetadataProvider.reflectiveSource(
            new TarnRelMdDistinctRowCount(), BuiltInMetadata.DistinctRowCount.Handler.class);

    private TarnRelMdDistinctRowCount() {
    }

    @Override
    public Double getDistinctRowCount(TableScan scan, RelMetadataQuery mq, ImmutableBitSet groupKey, RexNode predicate) {
        TarnCalciteTable table = scan.getTable().unwrap(TarnCalciteTable.class);
        if (table == null) {
            return super.getDistinctRowCount(scan, mq, groupKey, predicate);
        }
        TableStatistics statistics = table.statistics();
        double rows = statistics.rowCount();
        if (rows < 0) {
            return super.getDistinctRowCount(scan, mq, groupKey, predicate);
        }
        double distinct = 1;
        for (int column : groupKey) {
            distinct *= columnDistinct(statistics, column, rows);
        }
        double selected = predicate == null ? rows : rows * RelMdUtil.guessSelectivity(predicate);
        return Math.max(1d, Math.min(distinct, selected));
    }

    private static double columnDistinct(TableStatistics statistics, int column, double rows) {
        if (column >= statistics.columns().size()) {
            return rows;
        }
        TableStatistics.ColumnStatistics stats = statistics.columns().get(column);
        if (stats.distinctCount() >= 0) {
            return stats.distinctCount();
        }
        if (stats.min() instanceof Number min && stats.max() instanceof Number max
                && !(min instanceof Double) && !(min instanceof java.math.BigDecimal)) {
            return Math.min(rows, max.doubleValue() - min.doubleValue() + 1);
        }
        return rows;
    }
}
