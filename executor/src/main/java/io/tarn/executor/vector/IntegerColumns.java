package io.tarn.executor.vector;

import io.tarn.catalog.type.TypeKind;
import org.apache.arrow.memory.util.MemoryUtil;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;
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
        if (!(vector instanceof BaseFixedWidthVector fixed) || vector instanceof BitVector || !isIntegerLike(vector.getField())) {
            throw new IllegalArgumentException("not an integer-like vector: " + vector.getField());
        }
        long data = DirectAccess.inputData(fixed, rowCount);
        switch (fixed.getTypeWidth()) {
            case 8 -> {
                for (int i = 0; i < rowCount; i++) {
                    target[offset + i] = MemoryUtil.getLong(data + ((long) i << 3));
                }
            }
            case 4 -> {
                for (int i = 0; i < rowCount; i++) {
                    target[offset + i] = MemoryUtil.getInt(data + ((long) i << 2));
                }
            }
            case 2 -> {
                for (int i = 0; i < rowCount; i++) {
                    target[offset + i] = MemoryUtil.getShort(data + ((long) i << 1));
                }
            }
            default -> {
                for (int i = 0; i < rowCount; i++) {
                    target[offset + i] = MemoryUtil.getByte(data + i);
                }
            }
        }
    }
}
