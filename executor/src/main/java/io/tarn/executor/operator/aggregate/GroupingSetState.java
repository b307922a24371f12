package io.tarn.executor.operator.aggregate;

import io.tarn.catalog.type.ArrowTypes;
import io.tarn.catalog.type.Batch;
import io.tarn.catalog.type.DataType;
import io.tarn.catalog.type.RowSchema;
import io.tarn.executor.expression.AggregateCall;
import io.tarn.executor.plan.AggregateStep;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.types.pojo.Field;

import java.util.ArrayList;
import java.util.List;

/** The groups of one grouping set: their hash table, one accumulator per aggregate and the DISTINCT filters. */
final class GroupingSetState implements AutoCloseable {
    private final int[] keyColumns;
    private final List<AggregateCall> aggregates;
    private final AggregateStep step;
    private final int[] firstStateColumns;
    private final GroupHashTable groups;
    private final List<Accumulator> accumulators = new ArrayList<>();
    /** Per aggregate: (group, arguments) pairs seen, for DISTINCT aggregates; null otherwise. */
    private final List<GroupHashTable> distinctSeen = new ArrayList<>();

    /**
     * @param keyColumns input columns this set groups by (for FINAL: the key positions 0..k-1)
     * @param allKeyColumns every group key of the aggregation (GROUPING() values are relative to them)
     */
    GroupingSetState(int[] keyColumns, int[] allKeyColumns, RowSchema input, List<AggregateCall> aggregates,
                     AggregateStep step, BufferAllocator allocator) {
        this.keyColumns = keyColumns.clone();
        this.aggregates = List.copyOf(aggregates);
        this.step = step;
        this.firstStateColumns = new int[aggregates.size()];
        try {
            this.groups = new GroupHashTable(fields(input, keyColumns), allocator);
            int stateColumn = allKeyColumns.length;
            for (int a = 0; a < aggregates.size(); a++) {
                AggregateCall call = aggregates.get(a);
                firstStateColumns[a] = stateColumn;
                DataType valueType = step == AggregateStep.FINAL
                        ? input.column(stateColumn).type()
                        : call.arguments().length == 0 ? DataType.BIGINT : input.column(call.arguments()[0]).type();
                stateColumn += AggregateStates.stateWidth(call.function());
                long groupingValue = GroupingAccumulator.valueFor(call.arguments(), keyColumns);
                accumulators.add(AggregateStates.accumulator(call, valueType, groupingValue, allocator));
                distinctSeen.add(call.distinct() ? new GroupHashTable(fields(input, call.arguments()), allocator) : null);
            }
        } catch (RuntimeException | Error e) {
            close();
            throw e;
        }
    }

    private static List<Field> fields(RowSchema input, int[] columns) {
        List<Field> fields = new ArrayList<>();
        for (int column : columns) {
            fields.add(ArrowTypes.field("k" + fields.size(), input.column(column).type()));
        }
        return fields;
    }

    int[] keyColumns() {
        return keyColumns;
    }

    /** Accumulates (or, for FINAL, merges) every row of {@code batch}. */
    void accept(Batch batch) {
        int rowCount = batch.rowCount();
        int[] groupIds = new int[rowCount];
        groups.findOrInsert(batch, keyColumns, groupIds);
        int groupCount = groups.groupCount();
        for (Accumulator accumulator : accumulators) {
            accumulator.ensureGroups(groupCount);
        }
        int[] allRows = new int[rowCount];
        for (int row = 0; row < rowCount; row++) {
            allRows[row] = row;
        }
        for (int a = 0; a < aggregates.size(); a++) {
            if (step == AggregateStep.FINAL) {
                accumulators.get(a).merge(batch, firstStateColumns[a], groupIds, allRows, rowCount);
                continue;
            }
            AggregateCall call = aggregates.get(a);
            int[] rows = allRows;
            int count = rowCount;
            if (call.filterArgument() >= 0) {
                rows = new int[rowCount];
                count = selectTrue((BitVector) batch.column(call.filterArgument()), rowCount, rows);
            }
            if (call.distinct()) {
                rows = rows == allRows ? allRows.clone() : rows;
                count = keepFirstOccurrences(distinctSeen.get(a), batch, call.arguments(), groupIds, rows, count);
            }
            accumulators.get(a).add(batch, groupIds, rows, count);
        }
    }

    private static int selectTrue(BitVector filter, int rowCount, int[] rows) {
        int count = 0;
        for (int row = 0; row < rowCount; row++) {
            if (!filter.isNull(row) && filter.get(row) != 0) {
                rows[count++] = row;
            }
        }
        return count;
    }

    /** Narrows {@code rows} to those whose (group, arguments) were not seen before; returns the new count. */
    private static int keepFirstOccurrences(GroupHashTable seen, Batch batch, int[] arguments, int[] groupIds,
                                            int[] rows, int count) {
        int[] pairIds = new int[batch.rowCount()];
        int nextNew = seen.groupCount();
        seen.findOrInsert(batch, arguments, groupIds, rows, count, pairIds);
        int[] kept = new int[count];
        int keptCount = 0;
        for (int i = 0; i < count; i++) {
            int row = rows[i];
            // new pairs get consecutive ids in row order, so a pair's first row is the one carrying the next new id
            if (pairIds[row] == nextNew) {
                kept[keptCount++] = row;
                nextNew++;
            }
        }
        System.arraycopy(kept, 0, rows, 0, keptCount);
        return keptCount;
    }

    /** Groups to emit: an empty grouping set always has its single group, even without input rows. */
    int outputGroupCount() {
        int count = groups.groupCount();
        if (keyColumns.length == 0 && count == 0) {
            for (Accumulator accumulator : accumulators) {
                accumulator.ensureGroups(1);
            }
            return 1;
        }
        return count;
    }

    List<FieldVector> keyVectors() {
        return groups.keyVectors();
    }

    List<Accumulator> accumulators() {
        return accumulators;
    }

    @Override
    public void close() {
        for (Accumulator accumulator : accumulators) {
            accumulator.close();
        }
        for (GroupHashTable table : distinctSeen) {
            if (table != null) {
                table.close();
            }
        }
        if (groups != null) {
            groups.close();
        }
    }
}
