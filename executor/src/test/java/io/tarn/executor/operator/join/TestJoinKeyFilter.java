package io.tarn.executor.operator.join;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TestJoinKeyFilter {

    /** Every build key passes; of other keys inside the range few do (16 bits a key), none outside it. */
    @Test
    void buildKeysPassAndFewOthersDo() {
        Random random = new Random(42);
        for (int size : new int[] {1, 3, 100, 10_000, 300_000}) {
            long[] keys = new long[size];
            Set<Long> built = new HashSet<>();
            for (int i = 0; i < size; i++) {
                keys[i] = size == 300_000 ? 2L * i : random.nextInt(10 * size + 1) - 5L * size; // a run of even keys, or random
                built.add(keys[i]);
            }
            JoinKeyFilter filter = new JoinKeyFilter();
            assertNull(filter.keys(), "nothing before the table is built");
            filter.publish(keys, size);
            JoinKeyFilter.Keys published = filter.keys();
            for (long key : keys) {
                assertTrue(published.mightContain(key), "build key " + key);
            }
            assertFalse(published.mightContain(published.min() - 1));
            assertFalse(published.mightContain(published.max() + 1));
            int tried = 0;
            int passed = 0;
            for (long key = published.min(); key <= published.max() && tried < 100_000; key++) {
                if (!built.contains(key)) {
                    tried++;
                    passed += published.mightContain(key) ? 1 : 0;
                }
            }
            if (tried > 1000) {
                assertTrue(passed < tried * 0.05, size + " keys: " + passed + " of " + tried + " others pass");
            }
        }
    }
}
