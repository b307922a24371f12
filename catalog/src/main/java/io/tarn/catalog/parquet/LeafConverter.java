package io.tarn.catalog.parquet;

import io.tarn.catalog.spi.CatalogException;
import io.tarn.catalog.type.DataType;
import io.tarn.catalog.type.TypeKind;
import org.apache.arrow.vector.BaseIntVector;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.TimeMicroVector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.PrimitiveConverter;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimeUnit;
import org.apache.parquet.schema.PrimitiveType;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Receives the decoded values of one Parquet leaf column and stores them, converted to Tarn's canonical unit
 * (timestamps and times in micros, decimals unscaled), into the Arrow vector bound for the current batch, at the
 * index its {@link Slot} says. Each subclass handles one Arrow vector family.
 */
abstract class LeafConverter extends PrimitiveConverter {
    private static final long JULIAN_DAY_OF_EPOCH = 2_440_588L;
    private static final long MICROS_PER_DAY = 86_400_000_000L;

    /** Where the next value goes: the row of a flat column, or the element index inside a list. */
    interface Slot {
        int current();
    }

    protected final Slot slot;

    LeafConverter(Slot slot) {
        this.slot = slot;
    }

    abstract void bind(FieldVector vector);

    /** The converter storing values of {@code source} as {@code target}; fails with 42804 when no conversion exists. */
    static LeafConverter create(PrimitiveType source, DataType target, Slot slot) {
        LogicalTypeAnnotation annotation = source.getLogicalTypeAnnotation();
        LeafConverter converter = switch (target.kind()) {
            case BOOLEAN -> new BooleanLeaf(slot);
            case TINYINT, SMALLINT, INTEGER, BIGINT -> new IntegerLeaf(slot, isUnsigned32(annotation));
            case DECIMAL -> new DecimalLeaf(slot, sourceScale(annotation), target.scale(), isUnsigned64(annotation));
            case REAL -> new FloatLeaf(slot);
            case DOUBLE -> new DoubleLeaf(slot);
            case CHAR, VARCHAR, BINARY, VARBINARY -> new BytesLeaf(slot);
            case DATE -> new DateLeaf(slot);
            case TIME, TIMESTAMP, TIMESTAMP_WITH_LOCAL_TIME_ZONE -> new MicrosLeaf(slot, unitOf(annotation), target.kind());
            default -> null;
        };
        if (converter == null || !converter.accepts(source.getPrimitiveTypeName())) {
            throw new CatalogException("42804", "cannot read Parquet column " + source.getName() + " of type " + source
                    + " as " + target);
        }
        return converter;
    }

    abstract boolean accepts(PrimitiveType.PrimitiveTypeName physical);

    private static boolean isUnsigned32(LogicalTypeAnnotation annotation) {
        return annotation instanceof LogicalTypeAnnotation.IntLogicalTypeAnnotation integer
                && !integer.isSigned() && integer.getBitWidth() == 32;
    }

    private static boolean isUnsigned64(LogicalTypeAnnotation annotation) {
        return annotation instanceof LogicalTypeAnnotation.IntLogicalTypeAnnotation integer
                && !integer.isSigned() && integer.getBitWidth() == 64;
    }

    private static int sourceScale(LogicalTypeAnnotation annotation) {
        if (annotation instanceof LogicalTypeAnnotation.DecimalLogicalTypeAnnotation decimal) {
            return decimal.getScale();
        }
        return 0;
    }

    private static TimeUnit unitOf(LogicalTypeAnnotation annotation) {
        if (annotation instanceof LogicalTypeAnnotation.TimestampLogicalTypeAnnotation ts) {
            return ts.getUnit();
        }
        if (annotation instanceof LogicalTypeAnnotation.TimeLogicalTypeAnnotation time) {
            return time.getUnit();
        }
        return TimeUnit.MICROS;
    }

    private static final class BooleanLeaf extends LeafConverter {
        private BitVector vector;

        BooleanLeaf(Slot slot) {
            super(slot);
        }

        @Override
        void bind(FieldVector vector) {
            this.vector = (BitVector) vector;
        }

        @Override
        boolean accepts(PrimitiveType.PrimitiveTypeName physical) {
            return physical == PrimitiveType.PrimitiveTypeName.BOOLEAN;
        }

        @Override
        public void addBoolean(boolean value) {
            vector.setSafe(slot.current(), value ? 1 : 0);
        }
    }

    private static final class IntegerLeaf extends LeafConverter {
        private final boolean unsigned32;
        private BaseIntVector vector;

        IntegerLeaf(Slot slot, boolean unsigned32) {
            super(slot);
            this.unsigned32 = unsigned32;
        }

        @Override
        void bind(FieldVector vector) {
            this.vector = (BaseIntVector) vector;
        }

        @Override
        boolean accepts(PrimitiveType.PrimitiveTypeName physical) {
            return physical == PrimitiveType.PrimitiveTypeName.INT32 || physical == PrimitiveType.PrimitiveTypeName.INT64;
        }

        @Override
        public void addInt(int value) {
            vector.setWithPossibleTruncate(slot.current(), unsigned32 ? Integer.toUnsignedLong(value) : value);
        }

        @Override
        public void addLong(long value) {
            vector.setWithPossibleTruncate(slot.current(), value);
        }
    }

    private static final class DecimalLeaf extends LeafConverter {
        private final int sourceScale;
        private final int targetScale;
        private final boolean unsigned64;
        private DecimalVector vector;

        DecimalLeaf(Slot slot, int sourceScale, int targetScale, boolean unsigned64) {
            super(slot);
            this.sourceScale = sourceScale;
            this.targetScale = targetScale;
            this.unsigned64 = unsigned64;
        }

        @Override
        void bind(FieldVector vector) {
            this.vector = (DecimalVector) vector;
        }

        @Override
        boolean accepts(PrimitiveType.PrimitiveTypeName physical) {
            return physical != PrimitiveType.PrimitiveTypeName.BOOLEAN && physical != PrimitiveType.PrimitiveTypeName.INT96
                    && physical != PrimitiveType.PrimitiveTypeName.FLOAT && physical != PrimitiveType.PrimitiveTypeName.DOUBLE;
        }

        @Override
        public void addInt(int value) {
            addLong(value);
        }

        @Override
        public void addLong(long value) {
            if (unsigned64 && value < 0) {
                vector.setSafe(slot.current(), new BigDecimal(Long.toUnsignedString(value)).setScale(targetScale));
            } else if (sourceScale == targetScale) {
                vector.setSafe(slot.current(), value);
            } else {
                vector.setSafe(slot.current(), BigDecimal.valueOf(value, sourceScale).setScale(targetScale, RoundingMode.HALF_UP));
            }
        }

        @Override
        public void addBinary(Binary value) {
            byte[] bytes = value.getBytesUnsafe();
            if (sourceScale == targetScale && bytes.length <= DecimalVector.TYPE_WIDTH) {
                vector.setBigEndianSafe(slot.current(), bytes);
            } else {
                vector.setSafe(slot.current(), new BigDecimal(new BigInteger(bytes), sourceScale)
                        .setScale(targetScale, RoundingMode.HALF_UP));
            }
        }
    }

    private static final class FloatLeaf extends LeafConverter {
        private Float4Vector vector;

        FloatLeaf(Slot slot) {
            super(slot);
        }

        @Override
        void bind(FieldVector vector) {
            this.vector = (Float4Vector) vector;
        }

        @Override
        boolean accepts(PrimitiveType.PrimitiveTypeName physical) {
            return physical == PrimitiveType.PrimitiveTypeName.FLOAT;
        }

        @Override
        public void addFloat(float value) {
            vector.setSafe(slot.current(), value);
        }
    }

    private static final class DoubleLeaf extends LeafConverter {
        private Float8Vector vector;

        DoubleLeaf(Slot slot) {
            super(slot);
        }

        @Override
        void bind(FieldVector vector) {
            this.vector = (Float8Vector) vector;
        }

        @Override
        boolean accepts(PrimitiveType.PrimitiveTypeName physical) {
            return physical == PrimitiveType.PrimitiveTypeName.FLOAT || physical == PrimitiveType.PrimitiveTypeName.DOUBLE;
        }

        @Override
        public void addFloat(float value) {
            vector.setSafe(slot.current(), value);
        }

        @Override
        public void addDouble(double value) {
            vector.setSafe(slot.current(), value);
        }
    }

    private static final class BytesLeaf extends LeafConverter {
        private BaseVariableWidthVector vector;

        BytesLeaf(Slot slot) {
            super(slot);
        }

        @Override
        void bind(FieldVector vector) {
            this.vector = (BaseVariableWidthVector) vector;
        }

        @Override
        boolean accepts(PrimitiveType.PrimitiveTypeName physical) {
            return physical == PrimitiveType.PrimitiveTypeName.BINARY
                    || physical == PrimitiveType.PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY;
        }

        @Override
        public void addBinary(Binary value) {
            ByteBuffer buffer = value.toByteBuffer();
            vector.setSafe(slot.current(), buffer, buffer.position(), buffer.remaining());
        }
    }

    private static final class DateLeaf extends LeafConverter {
        private DateDayVector vector;

        DateLeaf(Slot slot) {
            super(slot);
        }

        @Override
        void bind(FieldVector vector) {
            this.vector = (DateDayVector) vector;
        }

        @Override
        boolean accepts(PrimitiveType.PrimitiveTypeName physical) {
            return physical == PrimitiveType.PrimitiveTypeName.INT32;
        }

        @Override
        public void addInt(int value) {
            vector.setSafe(slot.current(), value);
        }
    }

    /** TIME and both TIMESTAMP kinds: micros, from millis / micros / nanos or INT96 (Julian day + nanos of day). */
    private static final class MicrosLeaf extends LeafConverter {
        private final long multiplier;
        private final long divisor;
        private final boolean time;
        private TimeStampVector timestamps;
        private TimeMicroVector times;

        MicrosLeaf(Slot slot, TimeUnit unit, TypeKind kind) {
            super(slot);
            this.multiplier = unit == TimeUnit.MILLIS ? 1000 : 1;
            this.divisor = unit == TimeUnit.NANOS ? 1000 : 1;
            this.time = kind == TypeKind.TIME;
        }

        @Override
        void bind(FieldVector vector) {
            if (time) {
                times = (TimeMicroVector) vector;
            } else {
                timestamps = (TimeStampVector) vector;
            }
        }

        @Override
        boolean accepts(PrimitiveType.PrimitiveTypeName physical) {
            return physical == PrimitiveType.PrimitiveTypeName.INT64 || physical == PrimitiveType.PrimitiveTypeName.INT32
                    || (!time && physical == PrimitiveType.PrimitiveTypeName.INT96);
        }

        @Override
        public void addInt(int value) {
            addLong(value);
        }

        @Override
        public void addLong(long value) {
            store(Math.floorDiv(value * multiplier, divisor));
        }

        @Override
        public void addBinary(Binary value) {
            ByteBuffer buffer = value.toByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
            long nanosOfDay = buffer.getLong(buffer.position());
            long julianDay = Integer.toUnsignedLong(buffer.getInt(buffer.position() + 8));
            store((julianDay - JULIAN_DAY_OF_EPOCH) * MICROS_PER_DAY + nanosOfDay / 1000);
        }

        private void store(long micros) {
            if (time) {
                times.setSafe(slot.current(), micros);
            } else {
                timestamps.setSafe(slot.current(), micros);
            }
        }
    }
}
