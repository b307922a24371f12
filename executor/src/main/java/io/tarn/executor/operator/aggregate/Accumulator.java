package io.tarn.executor.operator.aggregate;

import io.tarn.catalog.type.Batch;
import org.apache.arrow.vector.FieldVector;

import java.util.List;

/**
 * The running state of one aggregate function for every group, in arrays indexed by group id. Rows are given as a
 * selection {@code rows[0..count)} with {@code groupIds[row]} naming each row's group.
 */
interface Accumulator extends AutoCloseable {

    /** Makes room for group ids below {@code groupCount}. */
    void ensureGroups(int groupCount);

    /** Accumulates raw input rows. */
    void add(Batch batch, int[] groupIds, int[] rows, int count);

    /** Merges intermediate states laid out as {@link AggregateStates#stateTypes} from {@code firstStateColumn} on. */
    void merge(Batch batch, int firstStateColumn, int[] groupIds, int[] rows, int count);

    /** Writes the final values of groups {@code [fromGroup, fromGroup + count)} at positions 0.. of {@code target}. */
    void writeResult(int fromGroup, int count, FieldVector target);

    /** Writes the intermediate states of groups {@code [fromGroup, fromGroup + count)}, one vector per state column. */
    void writeStates(int fromGroup, int count, List<FieldVector> targets);

    @Override
    default void close() {
    }
}
