package io.tarn.planner.catalog;

import io.tarn.catalog.spi.Table;
import io.tarn.catalog.spi.TableStatistics;
import io.tarn.planner.convert.TypeConverter;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.Statistic;
import org.apache.calcite.schema.impl.AbstractTable;

import static java.util.Objects.requireNonNull;

/** Shows a Tarn table to Calcite: its row type and row count. Calcite never reads it; the executor does. */
public final class TarnCalciteTable extends AbstractTable {
    private final Table table;
    private volatile TableStatistics statistics;

    public TarnCalciteTable(Table table) {
        this.table = requireNonNull(table, "table is null");
    }

    public Table table() {
        return table;
    }

    public TableStatistics statistics() {
        TableStatistics result = statistics;
        if (result == null) {
            result = table.statistics();
            statistics = result;
        }
        return result;
    }

    @Override
    public RelDataType getRowType(RelDataTypeFactory typeFactory) {
        return TypeConverter.toRowType(table.schema(), typeFactory);
    }

    /**
     * Statistics are read only when the optimizer asks for a row count: the validator asks for this object on every
     * statement (for monotonicity), and an INSERT must not pay for reading every manifest of the table.
     */
    @Override
    public Statistic getStatistic() {
        return new Statistic() {
            @Override
            public Double getRowCount() {
                long rows = statistics().rowCount();
                return rows < 0 ? null : (double) rows;
            }
        };
    }
}
