package io.tarn.executor.operator.join;

import io.tarn.executor.plan.PhysicalHashJoin;

/**
 * A runtime join filter on a hash join's first key: the smallest and largest build key and a Bloom filter of the build
 * keys, published once its table is built. The probe side's scan reads it before opening each task: the range skips
 * row groups and pages whose statistics lie outside it (a fact table clustered by the key, joined with a filtered
 * dimension, reads only what can match), and both drop probe rows that cannot match before their other columns are
 * decoded. Only joins whose unmatched probe rows produce no output publish one.
 */
public final class JoinKeyFilter {
    /** Bloom filter size: bits per build key, and at most 2^20 words (8 MB). */
    private static final int BITS_PER_KEY = 16;
    private static final int MAX_WORDS = 1 << 20;

    private volatile Keys keys;

    /** Whether the join's keys allow a filter: integer-like, compared with SQL equality (so a NULL matches nothing). */
    public static boolean supports(PhysicalHashJoin join) {
        return PackedJoinKeys.applicable(join);
    }

    /**
     * The build keys of a built table: a blocked Bloom filter, two bits of one 64-bit word per key. At 16 bits per
     * key that lets about 2% of the keys not built through (more once the size cap is reached).
     */
    public static final class Keys {
        private final long min;
        private final long max;
        private final long[] words;

        private Keys(long[] keys, int rows) {
            long low = keys[0];
            long high = keys[0];
            long wanted = Math.max(1, (long) rows * BITS_PER_KEY / Long.SIZE);
            int wordCount = wanted >= MAX_WORDS ? MAX_WORDS : Integer.highestOneBit((int) wanted);
            if (wordCount < wanted) {
                wordCount <<= 1; // a power of two, so a word is picked by masking
            }
            long[] bits = new long[wordCount];
            for (int row = 0; row < rows; row++) {
                long key = keys[row];
                low = Math.min(low, key);
                high = Math.max(high, key);
                long hash = mix(key);
                bits[word(hash, wordCount)] |= mask(hash);
            }
            this.min = low;
            this.max = high;
            this.words = bits;
        }

        public long min() {
            return min;
        }

        public long max() {
            return max;
        }

        /** False only when no build key equals {@code key}. */
        public boolean mightContain(long key) {
            if (key < min || key > max) {
                return false;
            }
            long hash = mix(key);
            long mask = mask(hash);
            return (words[word(hash, words.length)] & mask) == mask;
        }

        private static int word(long hash, int wordCount) {
            return (int) (hash >>> 40) & (wordCount - 1);
        }

        private static long mask(long hash) {
            return 1L << (hash & 63) | 1L << ((hash >>> 6) & 63);
        }

        /** A 64-bit finalizer (MurmurHash3's), so that keys in runs spread over the words and bits. */
        private static long mix(long key) {
            long hash = key ^ (key >>> 33);
            hash *= 0xff51afd7ed558ccdL;
            hash ^= hash >>> 33;
            hash *= 0xc4ceb9fe1a85ec53L;
            return hash ^ (hash >>> 33);
        }
    }

    /** Publishes the first {@code rows} of the table's first key column (at least one). */
    void publish(long[] buildKeys, int rows) {
        keys = new Keys(buildKeys, rows);
    }

    /** The build keys, or null while the table is not built (or the join spilled, and so never publishes). */
    public Keys keys() {
        return keys;
    }
}
