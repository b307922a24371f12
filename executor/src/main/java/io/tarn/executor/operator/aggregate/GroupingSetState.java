package io.tarn.executor.operator.aggregate;

import io.tarn.catalog.type.ArrowTypes;
import io.tarn.catalog.type.Batch;
import io.tarn.catalog.type.DataType;
import io.tarn.catalog.type.RowSchema;
import io.tarn.executor.expression.AggregateCall;
import io.tarn.executor.expression.AggregateFunction;
import io.tarn.executor.plan.AggregateStep;
import io.tarn.executor.vector.VectorCopier;
import io.tarn.executor.vector.Vectors;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.types.pojo.Field;

import java.util.ArrayList;
import java.util.List;

/**
 * The groups of one grouping set: their hash table, one accumulator per aggregate and the DISTINCT filters. To spill,
 * the groups' intermediate states can be written out ({@link #spilledStates}) and merged back into another set
 * ({@link #acceptSpilledStates}).
 */
final class GroupingSetState implements AutoCloseable {
    /** Heap bytes per group besides the accumulators: hash slots (at most half full), hash and tag. */
    private static final int TABLE_BYTES_PER_GROUP = 2 * 2 * Integer.BYTES + Long.BYTES + Integer.BYTES;
    /** A rough average of an accumulator's heap bytes per group (a long or double, flags, a count). */
    private static final int ACCUMULATOR_BYTES_PER_GROUP = 16;

    private final int[] keyColumns;
    private final RowSchema input;
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
        this.input = input;
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
                distinctSeen.add(call.distinct() ? GroupHashTable.tagged(fields(input, call.arguments()), allocator) : null);
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

    /**
     * Whether {@link #spilledStates} (plus, for DISTINCT aggregates, {@link #spilledDistinctPairs}) can stand for this
     * set's groups: not without keys, where the one group cannot be split.
     */
    boolean canSpill() {
        return keyColumns.length > 0;
    }

    /** An estimate of the memory the groups take: key vectors, hash tables and accumulators. */
    long estimatedBytes() {
        long perGroup = TABLE_BYTES_PER_GROUP + (long) ACCUMULATOR_BYTES_PER_GROUP * aggregates.size();
        long bytes = groups.allocatedBytes() + perGroup * groups.groupCount();
        for (GroupHashTable seen : distinctSeen) {
            if (seen != null) {
                bytes += seen.allocatedBytes() + (long) TABLE_BYTES_PER_GROUP * seen.groupCount();
            }
        }
        return bytes;
    }

    /** Spilled states' columns: this set's key columns, then each aggregate's state columns. */
    List<Field> spilledStateFields() {
        List<Field> fields = new ArrayList<>(fields(input, keyColumns));
        for (int a = 0; a < aggregates.size(); a++) {
            for (int i = 0; i < AggregateStates.stateWidth(aggregates.get(a).function()); i++) {
                fields.add(ArrowTypes.field("s" + fields.size(), stateType(a, i).withNullable(true)));
            }
        }
        return fields;
    }

    /** The type of state column {@code i} of aggregate {@code a}: as read (FINAL) or as {@link AggregateStates} defines it. */
    private DataType stateType(int a, int i) {
        AggregateCall call = aggregates.get(a);
        if (step == AggregateStep.FINAL) {
            return input.column(firstStateColumns[a] + i).type();
        }
        return call.function() == AggregateFunction.GROUPING ? call.type() : AggregateStates.stateTypes(call, input).get(i);
    }

    /** The keys and intermediate states of groups {@code [fromGroup, fromGroup + count)} as a new batch. */
    Batch spilledStates(int fromGroup, int count, BufferAllocator allocator) {
        List<FieldVector> vectors = Vectors.create(spilledStateFields(), allocator);
        try {
            List<FieldVector> keys = groups.keyVectors();
            for (int k = 0; k < keys.size(); k++) {
                VectorCopier.appendRange(keys.get(k), fromGroup, count, vectors.get(k), 0);
            }
            int column = keys.size();
            for (int a = 0; a < aggregates.size(); a++) {
                int width = AggregateStates.stateWidth(aggregates.get(a).function());
                accumulators.get(a).writeStates(fromGroup, count, vectors.subList(column, column + width));
                column += width;
            }
            for (FieldVector vector : vectors) {
                vector.setValueCount(count);
            }
        } catch (RuntimeException | Error e) {
            Vectors.closeAll(vectors);
            throw e;
        }
        return new Batch(vectors, count);
    }

    /**
     * Merges a batch of {@link #spilledStates} of a set like this one into this set's groups. The states of DISTINCT
     * aggregates are skipped: they are rebuilt from the spilled (group, arguments) pairs.
     */
    void acceptSpilledStates(Batch batch) {
        int rowCount = batch.rowCount();
        int[] groupIds = new int[rowCount];
        groups.findOrInsert(batch, positions(keyColumns.length), groupIds);
        int[] allRows = positions(rowCount);
        int column = keyColumns.length;
        for (int a = 0; a < aggregates.size(); a++) {
            Accumulator accumulator = accumulators.get(a);
            accumulator.ensureGroups(groups.groupCount());
            if (!aggregates.get(a).distinct()) {
                accumulator.merge(batch, column, groupIds, allRows, rowCount);
            }
            column += AggregateStates.stateWidth(aggregates.get(a).function());
        }
    }

    /** How many distinct (group, arguments) pairs DISTINCT aggregate {@code a} has seen. */
    int distinctPairCount(int a) {
        return distinctSeen.get(a).groupCount();
    }

    /** Pairs {@code [fromPair, fromPair + count)} of DISTINCT aggregate {@code a}: the group's keys, then the arguments. */
    Batch spilledDistinctPairs(int a, int fromPair, int count, BufferAllocator allocator) {
        GroupHashTable seen = distinctSeen.get(a);
        List<Field> fields = new ArrayList<>(fields(input, keyColumns));
        fields.addAll(fields(input, aggregates.get(a).arguments()));
        List<FieldVector> vectors = Vectors.create(fields, allocator);
        try {
            int[] groupOfPair = new int[count];
            for (int i = 0; i < count; i++) {
                groupOfPair[i] = seen.tag(fromPair + i);
            }
            List<FieldVector> keys = groups.keyVectors();
            for (int k = 0; k < keys.size(); k++) {
                VectorCopier.ensureCapacity(vectors.get(k), count);
                VectorCopier.appendSelected(keys.get(k), groupOfPair, count, vectors.get(k), 0);
            }
            List<FieldVector> arguments = seen.keyVectors();
            for (int j = 0; j < arguments.size(); j++) {
                VectorCopier.appendRange(arguments.get(j), fromPair, count, vectors.get(keys.size() + j), 0);
            }
            for (FieldVector vector : vectors) {
                vector.setValueCount(count);
            }
        } catch (RuntimeException | Error e) {
            Vectors.closeAll(vectors);
            throw e;
        }
        return new Batch(vectors, count);
    }

    /** Adds a batch of {@link #spilledDistinctPairs} of DISTINCT aggregate {@code a} to this set's groups. */
    void acceptSpilledDistinctPairs(int a, Batch pairs) {
        int rowCount = pairs.rowCount();
        int keyCount = keyColumns.length;
        int[] groupIds = new int[rowCount];
        groups.findOrInsert(pairs, positions(keyCount), groupIds);
        for (Accumulator accumulator : accumulators) {
            accumulator.ensureGroups(groups.groupCount());
        }
        AggregateCall call = aggregates.get(a);
        int[] pairArguments = new int[call.arguments().length];
        // the accumulator reads its arguments at their input positions: a view puts the pairs' columns there
        List<FieldVector> view = new ArrayList<>();
        for (int j = 0; j < pairArguments.length; j++) {
            pairArguments[j] = keyCount + j;
            while (view.size() <= call.arguments()[j]) {
                view.add(pairs.column(keyCount + j));
            }
            view.set(call.arguments()[j], pairs.column(keyCount + j));
        }
        int[] rows = positions(rowCount);
        int count = keepFirstOccurrences(distinctSeen.get(a), pairs, pairArguments, groupIds, rows, rowCount);
        accumulators.get(a).add(new Batch(view, rowCount), groupIds, rows, count);
    }

    /** 0, 1, ..., count - 1. */
    private static int[] positions(int count) {
        int[] positions = new int[count];
        for (int i = 0; i < count; i++) {
            positions[i] = i;
        }
        return positions;
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
