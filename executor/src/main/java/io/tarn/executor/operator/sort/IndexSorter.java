package io.tarn.executor.operator.sort;

/** A stable merge sort of row positions (no boxing), with insertion sort for short runs. */
final class IndexSorter {
    private static final int INSERTION_SORT_THRESHOLD = 16;

    private IndexSorter() {
    }

    /** The positions 0..rowCount-1 in the order of {@code ordering}, ties kept in input order. */
    static int[] sortedPositions(int rowCount, RowOrdering ordering) {
        int[] positions = new int[rowCount];
        for (int i = 0; i < rowCount; i++) {
            positions[i] = i;
        }
        mergeSort(positions.clone(), positions, 0, rowCount, ordering);
        return positions;
    }

    /** Sorts {@code target[low, high)} using {@code source}, which holds the same elements there on entry. */
    private static void mergeSort(int[] source, int[] target, int low, int high, RowOrdering ordering) {
        if (high - low < INSERTION_SORT_THRESHOLD) {
            insertionSort(target, low, high, ordering);
            return;
        }
        int middle = (low + high) >>> 1;
        mergeSort(target, source, low, middle, ordering);
        mergeSort(target, source, middle, high, ordering);
        if (ordering.compare(source[middle - 1], source[middle]) <= 0) {
            System.arraycopy(source, low, target, low, high - low);
            return;
        }
        int left = low;
        int right = middle;
        for (int i = low; i < high; i++) {
            if (right >= high || left < middle && ordering.compare(source[left], source[right]) <= 0) {
                target[i] = source[left++];
            } else {
                target[i] = source[right++];
            }
        }
    }

    private static void insertionSort(int[] values, int low, int high, RowOrdering ordering) {
        for (int i = low + 1; i < high; i++) {
            int value = values[i];
            int j = i - 1;
            while (j >= low && ordering.compare(values[j], value) > 0) {
                values[j + 1] = values[j];
                j--;
            }
            values[j + 1] = value;
        }
    }
}
