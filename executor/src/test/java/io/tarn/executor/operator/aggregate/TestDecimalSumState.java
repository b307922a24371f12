package io.tarn.executor.operator.aggregate;

import io.tarn.executor.ExecutionException;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.DecimalVector;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** SUM of DECIMAL(38) columns in 128 bits: carries between the words, signs, and sums that pass 128 bits and return. */
class TestDecimalSumState {
    private static final BigDecimal MAX = new BigDecimal(BigInteger.TEN.pow(38).subtract(BigInteger.ONE), 2);

    private static DecimalVector column(BufferAllocator allocator, List<BigDecimal> values) {
        DecimalVector vector = new DecimalVector("x", allocator, 38, 2);
        vector.allocateNew(values.size());
        for (int i = 0; i < values.size(); i++) {
            if (values.get(i) == null) {
                vector.setNull(i);
            } else {
                vector.set(i, values.get(i));
            }
        }
        vector.setValueCount(values.size());
        return vector;
    }

    /** Adds {@code values} to the groups {@code groups} (one per value) and returns every group's written sum. */
    private static List<Object> sums(List<BigDecimal> values, int[] groups, int groupCount, int precision) {
        try (BufferAllocator allocator = new RootAllocator();
             DecimalVector input = column(allocator, values);
             DecimalVector output = new DecimalVector("sum", allocator, precision, 2)) {
            DecimalSumState state = new DecimalSumState(2);
            state.ensureGroups(groupCount);
            int[] rows = new int[values.size()];
            Arrays.setAll(rows, i -> i);
            state.add(input, groups, rows, rows.length);
            output.allocateNew(groupCount);
            for (int group = 0; group < groupCount; group++) {
                state.write(group, output, group);
            }
            output.setValueCount(groupCount);
            Object[] result = new Object[groupCount];
            for (int group = 0; group < groupCount; group++) {
                result[group] = output.getObject(group);
            }
            return Arrays.asList(result);
        }
    }

    @Test
    void sumsRandomValuesPerGroup() {
        Random random = new Random(5);
        int groupCount = 40;
        BigDecimal[] expected = new BigDecimal[groupCount];
        BigDecimal[] values = new BigDecimal[5000];
        int[] groups = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            BigInteger unscaled = new BigInteger(1 + random.nextInt(110), random);
            values[i] = i % 13 == 0 ? null : new BigDecimal(random.nextBoolean() ? unscaled.negate() : unscaled, 2);
            groups[i] = random.nextInt(groupCount - 1); // the last group stays empty
            if (values[i] != null) {
                expected[groups[i]] = expected[groups[i]] == null ? values[i] : expected[groups[i]].add(values[i]);
            }
        }
        assertEquals(Arrays.asList(expected), sums(Arrays.asList(values), groups, groupCount, 38));
    }

    /** Runs of one group are summed in locals: long-sized values near the 64-bit limits, wider values and NULLs in them. */
    @Test
    void sumsRunsOfOneGroup() {
        Random random = new Random(7);
        int groupCount = 5;
        BigDecimal[] expected = new BigDecimal[groupCount];
        BigDecimal[] values = new BigDecimal[20_000];
        int[] groups = new int[values.length];
        int group = 0;
        for (int i = 0; i < values.length; i++) {
            if (random.nextInt(200) == 0) {
                group = random.nextInt(groupCount);
            }
            int kind = random.nextInt(50);
            BigInteger unscaled = kind == 0 ? new BigInteger(100, random).negate()
                    : kind == 1 ? BigInteger.valueOf(random.nextBoolean() ? Long.MAX_VALUE : Long.MIN_VALUE)
                    : BigInteger.valueOf(random.nextLong());
            values[i] = kind == 2 ? null : new BigDecimal(unscaled, 2);
            groups[i] = group;
            if (values[i] != null) {
                expected[group] = expected[group] == null ? values[i] : expected[group].add(values[i]);
            }
        }
        assertEquals(Arrays.asList(expected), sums(Arrays.asList(values), groups, groupCount, 38));
    }

    @Test
    void carriesBetweenWordsAndCrossesZero() {
        BigDecimal twoTo64 = new BigDecimal(BigInteger.ONE.shiftLeft(64), 2);
        List<BigDecimal> values = List.of(new BigDecimal(BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE), 2),
                new BigDecimal("0.01"), new BigDecimal("-0.01"), twoTo64.negate(), new BigDecimal("-0.01"), twoTo64);
        // running sum: 2^64 - 1, 2^64, 2^64 - 1, -1, -2, 2^64 - 2 (in hundredths)
        assertEquals(List.of(new BigDecimal(BigInteger.ONE.shiftLeft(64).subtract(BigInteger.TWO), 2)),
                sums(values, new int[6], 1, 38));
    }

    /** Partial sums past 2^127 continue exactly; a final sum past the precision is 22003, one back in range is not. */
    @Test
    void sumsPastOneHundredTwentyEightBits() {
        List<BigDecimal> values = Arrays.asList(MAX, MAX, MAX, MAX.negate(), MAX.negate(), MAX.negate(), new BigDecimal("1.00"), null);
        assertEquals(List.of(new BigDecimal("1.00")), sums(values, new int[values.size()], 1, 38));
        List<BigDecimal> tooBig = List.of(MAX, MAX, MAX, MAX);
        ExecutionException error = assertThrows(ExecutionException.class, () -> sums(tooBig, new int[4], 1, 38));
        assertEquals("22003", error.sqlState());
        List<BigDecimal> negative = List.of(MAX.negate(), new BigDecimal("-0.01"));
        assertEquals("22003", assertThrows(ExecutionException.class, () -> sums(negative, new int[2], 1, 38)).sqlState());
    }

    @Test
    void checksANarrowerTargetsPrecision() {
        List<BigDecimal> values = List.of(new BigDecimal("9999999999999999.99"), new BigDecimal("0.01"));
        assertEquals("22003", assertThrows(ExecutionException.class, () -> sums(values, new int[2], 1, 18)).sqlState());
        assertEquals(List.of(new BigDecimal("10000000000000000.00")), sums(values, new int[2], 1, 19));
        assertEquals(List.of(new BigDecimal("-9999999999999999.98")),
                sums(List.of(new BigDecimal("-9999999999999999.99"), new BigDecimal("0.01")), new int[2], 1, 18));
    }
}
