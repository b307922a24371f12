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
            int from = offsets[id];
            int length = offsets[id + 1] - from;
            int to = newOffsets[i];
            if (length < 16) { // a call to arraycopy costs more than copying a short value by hand
                for (int b = 0; b < length; b++) {
                    newData[to + b] = data[from + b];
                }
            } else {
                System.arraycopy(data, from, newData, to, length);
            }
        }
        return new BinaryValues(newData, newOffsets, count);
    }
}
