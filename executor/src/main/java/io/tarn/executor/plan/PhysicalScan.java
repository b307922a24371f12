package io.tarn.executor.plan;

import io.tarn.catalog.spi.ColumnConstraint;
import io.tarn.catalog.spi.ScanPlan;
import io.tarn.catalog.spi.ScanRequest;
import io.tarn.catalog.spi.Table;
import io.tarn.catalog.type.RowSchema;
import io.tarn.executor.expression.Expression;

import java.util.List;
import java.util.Optional;

/**
 * Reads a table's projected columns. {@code filter} (over the request's projection, which may end with columns only it
 * reads) is applied exactly to the rows read; the request's constraints only prune. {@code schema} is that of the
 * columns returned, the first {@code request.outputColumns()}. The instances of a scan take its tasks one at a time
 * from a shared queue.
 */
public record PhysicalScan(Table table, ScanRequest request, ScanPlan scanPlan, Optional<Expression> filter,
                           RowSchema schema) implements PhysicalNode {
    @Override
    public List<PhysicalNode> inputs() {
        return List.of();
    }

    @Override
    public String toString() {
        return "Scan[" + table.name() + ", columns=" + columnsRead()
                + filter.map(f -> ", filter=" + f).orElse("")
                + (request.constraints().isEmpty() ? "" : ", pruning=" + request.constraints().stream().map(this::describe).toList())
                + ", files=" + (scanPlan.totalFiles() - scanPlan.prunedFiles()) + "/" + scanPlan.totalFiles()
                + ", tasks=" + scanPlan.tasks().size() + "]";
    }

    /** The names of the columns returned, then of those only the filter reads. */
    private List<String> columnsRead() {
        List<String> names = new java.util.ArrayList<>(schema.columns().stream().map(c -> c.name()).toList());
        int[] projection = request.projection();
        for (int i = request.outputColumns(); i < projection.length; i++) {
            names.add(table.schema().column(projection[i]).name());
        }
        return names;
    }

    private String describe(ColumnConstraint constraint) {
        io.tarn.catalog.type.Column column = table.schema().column(constraint.column());
        String op = switch (constraint.op()) {
            case EQ -> " = ";
            case NE -> " <> ";
            case LT -> " < ";
            case LE -> " <= ";
            case GT -> " > ";
            case GE -> " >= ";
            case IS_NULL -> " IS NULL";
            case IS_NOT_NULL -> " IS NOT NULL";
        };
        Object value = constraint.value();
        if (value instanceof Integer days && column.type().kind() == io.tarn.catalog.type.TypeKind.DATE) {
            value = java.time.LocalDate.ofEpochDay(days);
        }
        return column.name() + op + (value == null ? "" : value);
    }
}
