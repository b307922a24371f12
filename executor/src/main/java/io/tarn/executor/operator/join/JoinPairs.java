package io.tarn.executor.operator.join;

import java.util.Arrays;

/** A growable list of (probe row, build row) pairs; -1 on either side stands for the NULL-padded side of an outer join. */
final class JoinPairs {
    private int[] probeRows = new int[1024];
    private int[] buildRows = new int[1024];
    private int size;

    void add(int probeRow, int buildRow) {
        if (size == probeRows.length) {
            probeRows = Arrays.copyOf(probeRows, size * 2);
            buildRows = Arrays.copyOf(buildRows, size * 2);
        }
        probeRows[size] = probeRow;
        buildRows[size] = buildRow;
        size++;
    }

    /** Keeps only the pairs at {@code positions[0..count)} (ascending), in order. */
    void retain(int[] positions, int count) {
        for (int i = 0; i < count; i++) {
            probeRows[i] = probeRows[positions[i]];
            buildRows[i] = buildRows[positions[i]];
        }
        size = count;
    }

    void clear() {
        size = 0;
    }

    int size() {
        return size;
    }

    int probeRow(int index) {
        return probeRows[index];
    }

    int buildRow(int index) {
        return buildRows[index];
    }

    int[] probeRows() {
        return probeRows;
    }

    int[] buildRows() {
        return buildRows;
    }
}
