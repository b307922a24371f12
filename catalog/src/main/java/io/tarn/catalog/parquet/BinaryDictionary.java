package io.tarn.catalog.parquet;

/**
 * A decoded BYTE_ARRAY / FIXED_LEN_BYTE_ARRAY dictionary for VARCHAR / VARBINARY targets, with each entry's length.
 * When no entry is longer than a word (the usual flags and codes), each entry is also kept as one little-endian word,
 * so gathering an entry is one load and one store.
 */
final class BinaryDictionary {
    static final int WORD = 8;

    final BinaryValues values;
    final int[] lengths;
    /** The longest entry's length. */
    final int maxLength;
    /** Each entry's bytes in a little-endian word, or null when some entry is longer than a word. */
    final long[] words;

    BinaryDictionary(BinaryValues values) {
        this.values = values;
        int size = values.count();
        this.lengths = new int[size];
        int longest = 0;
        for (int i = 0; i < size; i++) {
            lengths[i] = values.length(i);
            longest = Math.max(longest, lengths[i]);
        }
        this.maxLength = longest;
        long[] packed = null;
        if (longest <= WORD) {
            packed = new long[size];
            for (int i = 0; i < size; i++) {
                // the source array is padded (see PageBytes), so a whole word can be read; keep only the entry's bytes
                long word = PageBytes.getLong(values.data(), values.offsets()[i]);
                packed[i] = lengths[i] == WORD ? word : word & ((1L << (8 * lengths[i])) - 1);
            }
        }
        this.words = packed;
    }
}
