package io.tarn.executor.operator.window;

import io.tarn.catalog.type.Batch;
import io.tarn.executor.plan.SortKey;
import io.tarn.executor.vector.ValueComparator;
import org.apache.arrow.vector.FieldVector;

import java.util.ArrayList;
import java.util.List;

/** Orders rows of one batch by partition keys (NULLs first) then order keys, with a stable merge sort over int arrays. */
final class RowOrder {
    private final FieldVector[] columns;
    private final ValueComparator[] comparators;
    private final boolean[] descending;
    private final boolean[] nullsFirst;

    RowOrder(Batch batch, int[] partitionKeys, List<SortKey> orderKeys) {
        List<SortKey> keys = new ArrayList<>();
        for (int key : partitionKeys) {
            keys.add(new SortKey(key, false, true));
        }
        keys.addAll(orderKeys);
        columns = new FieldVector[keys.size()];
        comparators = new ValueComparator[keys.size()];
        descending = new boolean[keys.size()];
        nullsFirst = new boolean[keys.size()];
        for (int k = 0; k < keys.size(); k++) {
            columns[k] = batch.column(keys.get(k).column());
            comparators[k] = ValueComparator.of(columns[k], columns[k]);
            descending[k] = keys.get(k).descending();
            nullsFirst[k] = keys.get(k).nullsFirst();
        }
    }

    /** Row indexes 0..rowCount-1 in sorted order. */
    int[] sortedRows(int rowCount) {
        int[] rows = new int[rowCount];
        for (int i = 0; i < rowCount; i++) {
            rows[i] = i;
        }
        mergeSort(rows, new int[rowCount], 0, rowCount);
        return rows;
    }

    private void mergeSort(int[] rows, int[] scratch, int from, int to) {
        if (to - from < 2) {
            return;
        }
        int middle = (from + to) >>> 1;
        mergeSort(rows, scratch, from, middle);
        mergeSort(rows, scratch, middle, to);
        if (compare(rows[middle - 1], rows[middle]) <= 0) {
            return;
        }
        System.arraycopy(rows, from, scratch, from, to - from);
        int left = from;
        int right = middle;
        for (int i = from; i < to; i++) {
            if (right >= to || left < middle && compare(scratch[left], scratch[right]) <= 0) {
                rows[i] = scratch[left++];
            } else {
                rows[i] = scratch[right++];
            }
        }
    }

    private int compare(int a, int b) {
        for (int k = 0; k < columns.length; k++) {
            boolean aNull = columns[k].isNull(a);
            boolean bNull = columns[k].isNull(b);
            int result;
            if (aNull || bNull) {
                result = aNull == bNull ? 0 : (aNull == nullsFirst[k] ? -1 : 1);
            } else {
                result = comparators[k].compare(a, b);
                if (descending[k]) {
                    result = -result;
                }
            }
            if (result != 0) {
                return result;
            }
        }
        return 0;
    }
}
