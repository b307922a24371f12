package io.tarn.executor.vector;

import io.tarn.catalog.type.TypeKind;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.SmallIntVector;
import org.apache.arrow.vector.TinyIntVector;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;

import java.util.EnumSet;
import java.util.Set;

/**
 * Integer-like columns (TINYINT..BIGINT, DATE) read as {@code long}s into plain arrays, so that hash tables can
 * compare keys as array elements instead of through per-type vector comparators. A NULL reads as 0; callers track
 * nulls themselves.
 */
public final class IntegerColumns {
    private IntegerColumns() {
    }

    private static final Set<TypeKind> INTEGER_LIKE_KINDS =
            EnumSet.of(TypeKind.TINYINT, TypeKind.SMALLINT, TypeKind.INTEGER, TypeKind.BIGINT, TypeKind.DATE);

    /** Whether columns of this SQL type are integer-like (read by {@link #read} as their value). */
    public static boolean isIntegerLike(TypeKind kind) {
        return INTEGER_LIKE_KINDS.contains(kind);
    }

    public static boolean isIntegerLike(Field field) {
        ArrowType type = field.getType();
        return type instanceof ArrowType.Int integer && integer.getIsSigned()
                || type instanceof ArrowType.Date date && date.getUnit() == DateUnit.DAY;
    }

    /** Copies the values of rows {@code 0..rowCount} of {@code vector} into {@code target[offset..]}. */
    public static void read(FieldVector vector, int rowCount, long[] target, int offset) {
        ArrowBuf data = vector.getDataBuffer();
        if (vector instanceof BigIntVector) {
            for (int i = 0; i < rowCount; i++) {
                target[offset + i] = data.getLong((long) i << 3);
            }
        } else if (vector instanceof IntVector || vector instanceof DateDayVector) {
            for (int i = 0; i < rowCount; i++) {
                target[offset + i] = data.getInt((long) i << 2);
            }
        } else if (vector instanceof SmallIntVector) {
            for (int i = 0; i < rowCount; i++) {
                target[offset + i] = data.getShort((long) i << 1);
            }
        } else if (vector instanceof TinyIntVector) {
            for (int i = 0; i < rowCount; i++) {
                target[offset + i] = data.getByte(i);
            }
        } else {
            throw new IllegalArgumentException("not an integer-like vector: " + vector.getField());
        }
    }
}
