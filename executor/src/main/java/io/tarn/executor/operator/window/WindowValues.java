package io.tarn.executor.operator.window;

import io.tarn.catalog.type.Values;
import io.tarn.executor.operator.aggregate.ResultWriters;
import org.apache.arrow.vector.FieldVector;

import java.math.BigDecimal;
import java.util.BitSet;

/**
 * One window function's result for every input row (indexed by the row's position in the materialized input), kept
 * in primitive arrays until the output is written in row order. A value is a long, a double, a decimal, or a
 * reference to a row of a source column (copied at write time, so any type works).
 */
final class WindowValues {
    private enum Kind { LONG, DOUBLE, DECIMAL, SOURCE_ROW }

    private final Kind kind;
    private final BitSet nulls = new BitSet();
    private long[] longs;
    private double[] doubles;
    private BigDecimal[] decimals;
    private int[] sourceRows;
    private FieldVector source;
    private FieldVector defaults;
    private BitSet fromDefaults;

    private WindowValues(Kind kind, int rowCount) {
        this.kind = kind;
        switch (kind) {
            case LONG -> longs = new long[rowCount];
            case DOUBLE -> doubles = new double[rowCount];
            case DECIMAL -> decimals = new BigDecimal[rowCount];
            case SOURCE_ROW -> sourceRows = new int[rowCount];
        }
    }

    static WindowValues longs(int rowCount) {
        return new WindowValues(Kind.LONG, rowCount);
    }

    static WindowValues doubles(int rowCount) {
        return new WindowValues(Kind.DOUBLE, rowCount);
    }

    static WindowValues decimals(int rowCount) {
        return new WindowValues(Kind.DECIMAL, rowCount);
    }

    /** Values copied from rows of {@code source}; or, where marked, from the same row of {@code defaults}. */
    static WindowValues sourceRows(int rowCount, FieldVector source, FieldVector defaults) {
        WindowValues values = new WindowValues(Kind.SOURCE_ROW, rowCount);
        values.source = source;
        values.defaults = defaults;
        values.fromDefaults = new BitSet();
        return values;
    }

    void setLong(int row, long value) {
        longs[row] = value;
    }

    void setDouble(int row, double value) {
        doubles[row] = value;
    }

    void setDecimal(int row, BigDecimal value) {
        decimals[row] = value;
    }

    void setSourceRow(int row, int sourceRow) {
        sourceRows[row] = sourceRow;
    }

    void setDefault(int row) {
        fromDefaults.set(row);
    }

    void setNull(int row) {
        nulls.set(row);
    }

    /** Writes the values of rows {@code [from, from + count)} at positions 0.. of {@code target}. */
    void write(int from, int count, FieldVector target) {
        for (int i = 0; i < count; i++) {
            int row = from + i;
            if (nulls.get(row)) {
                ResultWriters.writeNull(target, i);
                continue;
            }
            switch (kind) {
                case LONG -> ResultWriters.writeLong(target, i, longs[row]);
                case DOUBLE -> ResultWriters.writeDouble(target, i, doubles[row]);
                case DECIMAL -> ResultWriters.writeDecimal(target, i, decimals[row]);
                case SOURCE_ROW -> {
                    boolean useDefault = fromDefaults.get(row);
                    copy(useDefault ? defaults : source, useDefault ? row : sourceRows[row], target, i);
                }
            }
        }
    }

    private static void copy(FieldVector from, int fromRow, FieldVector target, int index) {
        if (from.getMinorType() == target.getMinorType()) {
            target.copyFromSafe(fromRow, index, from);
        } else {
            // e.g. an INTEGER default for a BIGINT value: convert through the canonical form
            Values.set(target, index, Values.get(from, fromRow));
        }
    }
}
