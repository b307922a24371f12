package io.tarn.executor.operator.sort;

import io.tarn.catalog.type.Batch;
import io.tarn.executor.ExecutionException;
import io.tarn.executor.plan.SortKey;
import io.tarn.executor.vector.ValueComparator;
import org.apache.arrow.vector.FieldVector;

import java.util.List;

/** Orders the rows of one batch by sort keys, each with its direction and NULLS FIRST/LAST. */
final class RowOrdering {
    private final FieldVector[] vectors;
    private final ValueComparator[] comparators;
    private final boolean[] descending;
    private final boolean[] nullsFirst;

    RowOrdering(Batch batch, List<SortKey> keys) {
        int count = keys.size();
        vectors = new FieldVector[count];
        comparators = new ValueComparator[count];
        descending = new boolean[count];
        nullsFirst = new boolean[count];
        for (int k = 0; k < count; k++) {
            SortKey key = keys.get(k);
            vectors[k] = batch.column(key.column());
            comparators[k] = comparator(vectors[k]);
            descending[k] = key.descending();
            nullsFirst[k] = key.nullsFirst();
        }
    }

    int compare(int i, int j) {
        for (int k = 0; k < vectors.length; k++) {
            boolean iNull = vectors[k].isNull(i);
            boolean jNull = vectors[k].isNull(j);
            if (iNull || jNull) {
                if (iNull == jNull) {
                    continue;
                }
                return iNull == nullsFirst[k] ? -1 : 1;
            }
            int result = comparators[k].compare(i, j);
            if (result != 0) {
                return descending[k] ? -result : result;
            }
        }
        return 0;
    }

    private static ValueComparator comparator(FieldVector vector) {
        try {
            return ValueComparator.of(vector, vector);
        } catch (IllegalArgumentException e) {
            throw new ExecutionException(ExecutionException.INTERNAL_ERROR,
                    "cannot sort by a column of type " + vector.getField().getType(), e);
        }
    }
}
