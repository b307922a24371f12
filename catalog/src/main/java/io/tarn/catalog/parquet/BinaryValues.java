package io.tarn.catalog.parquet;

/** Decoded byte-array values: value {@code i} is {@code data[offsets[i]..offsets[i+1])}; consecutive values are adjacent. */
record BinaryValues(byte[] data, int[] offsets, int count) {

    int length(int index) {
        return offsets[index + 1] - offsets[index];
    }

    /** The values at {@code indexes[0..count)} (dictionary ids), copied next to each other. */
    BinaryValues gather(int[] indexes, int count) {
        int[] newOffsets = new int[count + 1];
        int total = 0;
        for (int i = 0; i < count; i++) {
            total += length(indexes[i]);
            newOffsets[i + 1] = total;
        }
        byte[] newData = new byte[total];
        for (int i = 0; i < count; i++) {
            int id = indexes[i];
            System.arraycopy(data, offsets[id], newData, newOffsets[i], offsets[id + 1] - offsets[id]);
        }
        return new BinaryValues(newData, newOffsets, count);
    }
}
