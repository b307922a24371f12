package io.tarn.catalog.parquet;

import io.tarn.catalog.spi.CatalogException;
import org.apache.arrow.vector.BaseIntVector;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.TimeMicroVector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.complex.MapVector;
import org.apache.arrow.vector.complex.StructVector;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;

/**
 * Writes one non-null Arrow value into a Parquet {@link RecordConsumer}, converting it to the column's physical type.
 * Built once per column from the Parquet type and the vector's class, so the per-value work is one lambda call.
 */
@FunctionalInterface
interface ValueEmitter {

    void emit(RecordConsumer consumer, FieldVector vector, int index);

    static ValueEmitter forColumn(Type type, FieldVector vector) {
        if (!type.isPrimitive()) {
            return group(type.asGroupType(), vector);
        }
        PrimitiveType primitive = type.asPrimitiveType();
        ValueEmitter emitter = switch (primitive.getPrimitiveTypeName()) {
            case BOOLEAN -> vector instanceof BitVector ? (c, v, i) -> c.addBoolean(((BitVector) v).get(i) != 0) : null;
            case INT32 -> int32(vector);
            case INT64 -> int64(primitive, vector);
            case FLOAT -> vector instanceof Float4Vector ? (c, v, i) -> c.addFloat(((Float4Vector) v).get(i)) : null;
            case DOUBLE -> vector instanceof Float8Vector ? (c, v, i) -> c.addDouble(((Float8Vector) v).get(i)) : null;
            case BINARY -> binary(vector);
            case FIXED_LEN_BYTE_ARRAY -> fixed(primitive, vector);
            case INT96 -> null;
        };
        if (emitter == null) {
            throw new CatalogException("42804", "cannot write " + vector.getField().getType() + " values to Parquet column "
                    + type.getName() + " of type " + primitive);
        }
        return emitter;
    }

    private static ValueEmitter int32(FieldVector vector) {
        if (vector instanceof DecimalVector) {
            // precision <= 9: the low 32 bits of the 128-bit little-endian unscaled value
            return (c, v, i) -> c.addInteger((int) ((DecimalVector) v).getDataBuffer().getLong((long) i * DecimalVector.TYPE_WIDTH));
        }
        if (vector instanceof DateDayVector) {
            return (c, v, i) -> c.addInteger(((DateDayVector) v).get(i));
        }
        if (vector instanceof BaseIntVector) {
            return (c, v, i) -> c.addInteger((int) ((BaseIntVector) v).getValueAsLong(i));
        }
        return null;
    }

    private static ValueEmitter int64(PrimitiveType type, FieldVector vector) {
        if (vector instanceof DecimalVector) {
            return (c, v, i) -> c.addLong(((DecimalVector) v).getDataBuffer().getLong((long) i * DecimalVector.TYPE_WIDTH));
        }
        long divisor = 1;
        long multiplier = 1;
        if (type.getLogicalTypeAnnotation() instanceof LogicalTypeAnnotation.TimestampLogicalTypeAnnotation ts) {
            divisor = ts.getUnit() == LogicalTypeAnnotation.TimeUnit.MILLIS ? 1000 : 1;
            multiplier = ts.getUnit() == LogicalTypeAnnotation.TimeUnit.NANOS ? 1000 : 1;
        }
        if (vector instanceof TimeStampVector) {
            if (divisor == 1 && multiplier == 1) {
                return (c, v, i) -> c.addLong(((TimeStampVector) v).get(i));
            }
            long d = divisor;
            long m = multiplier;
            return (c, v, i) -> c.addLong(Math.floorDiv(((TimeStampVector) v).get(i), d) * m);
        }
        if (vector instanceof TimeMicroVector) {
            return (c, v, i) -> c.addLong(((TimeMicroVector) v).get(i));
        }
        if (vector instanceof BigIntVector) {
            return (c, v, i) -> c.addLong(((BigIntVector) v).get(i));
        }
        if (vector instanceof BaseIntVector) {
            return (c, v, i) -> c.addLong(((BaseIntVector) v).getValueAsLong(i));
        }
        return null;
    }

    private static ValueEmitter binary(FieldVector vector) {
        if (vector instanceof BaseVariableWidthVector) {
            return (c, v, i) -> c.addBinary(Binary.fromConstantByteArray(((BaseVariableWidthVector) v).get(i)));
        }
        if (vector instanceof DecimalVector) {
            return (c, v, i) -> c.addBinary(Binary.fromConstantByteArray(
                    ((DecimalVector) v).getObject(i).unscaledValue().toByteArray()));
        }
        return null;
    }

    private static ValueEmitter fixed(PrimitiveType type, FieldVector vector) {
        int length = type.getTypeLength();
        if (vector instanceof DecimalVector) {
            return (c, v, i) -> c.addBinary(Binary.fromConstantByteArray(bigEndian((DecimalVector) v, i, length)));
        }
        if (vector instanceof BaseVariableWidthVector) {
            return (c, v, i) -> {
                byte[] bytes = ((BaseVariableWidthVector) v).get(i);
                if (bytes.length != length) {
                    throw new CatalogException(CatalogException.DATA_EXCEPTION, "value of " + bytes.length
                            + " bytes does not fit fixed-length Parquet column " + type.getName() + " of " + length + " bytes");
                }
                c.addBinary(Binary.fromConstantByteArray(bytes));
            };
        }
        return null;
    }

    /** The low {@code length} bytes of the 128-bit little-endian unscaled value, in big-endian order. */
    private static byte[] bigEndian(DecimalVector vector, int index, int length) {
        byte[] result = new byte[length];
        long offset = (long) index * DecimalVector.TYPE_WIDTH;
        for (int i = 0; i < length; i++) {
            result[length - 1 - i] = vector.getDataBuffer().getByte(offset + i);
        }
        return result;
    }

    private static ValueEmitter group(GroupType group, FieldVector vector) {
        LogicalTypeAnnotation annotation = group.getLogicalTypeAnnotation();
        if (annotation instanceof LogicalTypeAnnotation.MapLogicalTypeAnnotation && vector instanceof MapVector map) {
            return map(group, map);
        }
        if (annotation instanceof LogicalTypeAnnotation.ListLogicalTypeAnnotation && vector instanceof ListVector list) {
            return list(group, list);
        }
        if (vector instanceof StructVector struct) {
            return struct(group, struct);
        }
        throw new CatalogException("42804", "cannot write " + vector.getField().getType() + " values to Parquet group "
                + group.getName());
    }

    private static ValueEmitter struct(GroupType group, StructVector struct) {
        int count = group.getFieldCount();
        if (struct.size() != count) {
            throw new CatalogException("42804", "struct " + group.getName() + " has " + count + " fields, vector has " + struct.size());
        }
        ValueEmitter[] children = new ValueEmitter[count];
        for (int f = 0; f < count; f++) {
            children[f] = forColumn(group.getType(f), (FieldVector) struct.getChildByOrdinal(f));
        }
        return (c, v, i) -> {
            StructVector s = (StructVector) v;
            c.startGroup();
            for (int f = 0; f < count; f++) {
                FieldVector child = (FieldVector) s.getChildByOrdinal(f);
                if (!child.isNull(i)) {
                    String name = group.getFieldName(f);
                    c.startField(name, f);
                    children[f].emit(c, child, i);
                    c.endField(name, f);
                }
            }
            c.endGroup();
        };
    }

    private static ValueEmitter list(GroupType group, ListVector list) {
        GroupType repeated = group.getType(0).asGroupType();
        Type elementType = ParquetTypes.listElement(group);
        ValueEmitter element = forColumn(elementType, list.getDataVector());
        return (c, v, i) -> {
            ListVector l = (ListVector) v;
            FieldVector data = l.getDataVector();
            int start = l.getElementStartIndex(i);
            int end = l.getElementEndIndex(i);
            c.startGroup();
            if (end > start) {
                c.startField(repeated.getName(), 0);
                for (int e = start; e < end; e++) {
                    c.startGroup();
                    if (!data.isNull(e)) {
                        c.startField(elementType.getName(), 0);
                        element.emit(c, data, e);
                        c.endField(elementType.getName(), 0);
                    }
                    c.endGroup();
                }
                c.endField(repeated.getName(), 0);
            }
            c.endGroup();
        };
    }

    private static ValueEmitter map(GroupType group, MapVector map) {
        GroupType keyValue = ParquetTypes.mapKeyValue(group);
        StructVector entries = (StructVector) map.getDataVector();
        ValueEmitter key = forColumn(keyValue.getType(0), (FieldVector) entries.getChildByOrdinal(0));
        ValueEmitter value = forColumn(keyValue.getType(1), (FieldVector) entries.getChildByOrdinal(1));
        String keyName = keyValue.getFieldName(0);
        String valueName = keyValue.getFieldName(1);
        return (c, v, i) -> {
            MapVector m = (MapVector) v;
            StructVector s = (StructVector) m.getDataVector();
            FieldVector keys = (FieldVector) s.getChildByOrdinal(0);
            FieldVector values = (FieldVector) s.getChildByOrdinal(1);
            int start = m.getElementStartIndex(i);
            int end = m.getElementEndIndex(i);
            c.startGroup();
            if (end > start) {
                c.startField(keyValue.getName(), 0);
                for (int e = start; e < end; e++) {
                    c.startGroup();
                    c.startField(keyName, 0);
                    key.emit(c, keys, e);
                    c.endField(keyName, 0);
                    if (!values.isNull(e)) {
                        c.startField(valueName, 1);
                        value.emit(c, values, e);
                        c.endField(valueName, 1);
                    }
                    c.endGroup();
                }
                c.endField(keyValue.getName(), 0);
            }
            c.endGroup();
        };
    }
}
