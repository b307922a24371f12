package io.tarn.catalog.parquet;

/** Decoded byte-array values: value {@code i} is {@code data[offsets[i]..offsets[i+1])}; consecutive values are adjacent. */
record BinaryValues(byte[] data, int[] offsets, int count) {

    int length(int index) {
        return offsets[index + 1] - offsets[index];
    }
}
