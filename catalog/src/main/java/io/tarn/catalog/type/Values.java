package io.tarn.catalog.type;

import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.NullVector;
import org.apache.arrow.vector.SmallIntVector;
import org.apache.arrow.vector.TimeMicroVector;
import org.apache.arrow.vector.TimeStampMicroTZVector;
import org.apache.arrow.vector.TimeStampMicroVector;
import org.apache.arrow.vector.TinyIntVector;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.complex.MapVector;
import org.apache.arrow.vector.complex.StructVector;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Tarn's canonical Java form of a single SQL value, used by literals, constraints, statistics and result rows:
 * BOOLEAN→Boolean; TINYINT/SMALLINT/INTEGER/BIGINT→Long; DECIMAL→BigDecimal (scale = type scale); REAL/DOUBLE→Double;
 * CHAR/VARCHAR→String; BINARY/VARBINARY→byte[]; DATE→Integer (days since epoch); TIME→Long (micros of day);
 * TIMESTAMP and TIMESTAMP WITH LOCAL TIME ZONE→Long (micros since epoch); intervals→Long (millis / months);
 * STRUCT→List, LIST→List, MAP→java.util.Map; SQL NULL→null.
 * These accessors are for row-at-a-time edges (results, literals, tests), never for operator inner loops.
 */
public final class Values {
    private Values() {
    }

    /** The value at {@code index} in canonical form. */
    public static Object get(FieldVector vector, int index) {
        if (vector.isNull(index)) {
            return null;
        }
        if (vector instanceof BitVector v) {
            return v.get(index) != 0;
        } else if (vector instanceof TinyIntVector v) {
            return (long) v.get(index);
        } else if (vector instanceof SmallIntVector v) {
            return (long) v.get(index);
        } else if (vector instanceof IntVector v) {
            return (long) v.get(index);
        } else if (vector instanceof BigIntVector v) {
            return v.get(index);
        } else if (vector instanceof DecimalVector v) {
            return v.getObject(index);
        } else if (vector instanceof Float4Vector v) {
            return (double) v.get(index);
        } else if (vector instanceof Float8Vector v) {
            return v.get(index);
        } else if (vector instanceof VarCharVector v) {
            return new String(v.get(index), StandardCharsets.UTF_8);
        } else if (vector instanceof VarBinaryVector v) {
            return v.get(index);
        } else if (vector instanceof DateDayVector v) {
            return v.get(index);
        } else if (vector instanceof TimeMicroVector v) {
            return v.get(index);
        } else if (vector instanceof TimeStampMicroVector v) {
            return v.get(index);
        } else if (vector instanceof TimeStampMicroTZVector v) {
            return v.get(index);
        } else if (vector instanceof MapVector v) {
            StructVector entries = (StructVector) v.getDataVector();
            Map<Object, Object> map = new LinkedHashMap<>();
            int start = v.getElementStartIndex(index);
            int end = v.getElementEndIndex(index);
            for (int i = start; i < end; i++) {
                map.put(get((FieldVector) entries.getChildByOrdinal(0), i), get((FieldVector) entries.getChildByOrdinal(1), i));
            }
            return map;
        } else if (vector instanceof ListVector v) {
            List<Object> list = new ArrayList<>();
            FieldVector data = v.getDataVector();
            for (int i = v.getElementStartIndex(index); i < v.getElementEndIndex(index); i++) {
                list.add(get(data, i));
            }
            return list;
        } else if (vector instanceof StructVector v) {
            List<Object> fields = new ArrayList<>();
            for (int i = 0; i < v.size(); i++) {
                fields.add(get((FieldVector) v.getChildByOrdinal(i), index));
            }
            return fields;
        } else if (vector instanceof NullVector) {
            return null;
        }
        throw new IllegalArgumentException("unsupported vector " + vector.getClass().getSimpleName());
    }

    /** Sets {@code value} (canonical form, or null) at {@code index}, growing the vector as needed. Scalars only. */
    public static void set(FieldVector vector, int index, Object value) {
        if (value == null) {
            if (!(vector instanceof NullVector)) {
                // setNull does not grow the validity buffer
                while (index >= vector.getValueCapacity()) {
                    vector.reAlloc();
                }
                vector.setNull(index);
            }
            return;
        }
        if (vector instanceof BitVector v) {
            v.setSafe(index, ((Boolean) value) ? 1 : 0);
        } else if (vector instanceof TinyIntVector v) {
            v.setSafe(index, (byte) ((Number) value).longValue());
        } else if (vector instanceof SmallIntVector v) {
            v.setSafe(index, (short) ((Number) value).longValue());
        } else if (vector instanceof IntVector v) {
            v.setSafe(index, (int) ((Number) value).longValue());
        } else if (vector instanceof BigIntVector v) {
            v.setSafe(index, ((Number) value).longValue());
        } else if (vector instanceof DecimalVector v) {
            v.setSafe(index, ((BigDecimal) value).setScale(v.getScale(), java.math.RoundingMode.HALF_UP));
        } else if (vector instanceof Float4Vector v) {
            v.setSafe(index, ((Number) value).floatValue());
        } else if (vector instanceof Float8Vector v) {
            v.setSafe(index, ((Number) value).doubleValue());
        } else if (vector instanceof VarCharVector v) {
            v.setSafe(index, value.toString().getBytes(StandardCharsets.UTF_8));
        } else if (vector instanceof VarBinaryVector v) {
            v.setSafe(index, (byte[]) value);
        } else if (vector instanceof DateDayVector v) {
            v.setSafe(index, ((Number) value).intValue());
        } else if (vector instanceof TimeMicroVector v) {
            v.setSafe(index, ((Number) value).longValue());
        } else if (vector instanceof TimeStampMicroVector v) {
            v.setSafe(index, ((Number) value).longValue());
        } else if (vector instanceof TimeStampMicroTZVector v) {
            v.setSafe(index, ((Number) value).longValue());
        } else {
            throw new IllegalArgumentException("cannot set a value into " + vector.getClass().getSimpleName());
        }
    }
}
