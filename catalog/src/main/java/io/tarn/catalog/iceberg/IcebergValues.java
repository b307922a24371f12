package io.tarn.catalog.iceberg;

import org.apache.iceberg.types.Type;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.UUID;

/** Converts single values between Iceberg's internal Java representation and Tarn's canonical form. */
final class IcebergValues {
    private IcebergValues() {
    }

    /** Canonical form of an Iceberg internal value (partition data, bounds); null stays null. */
    static Object toCanonical(Type type, Object value) {
        if (value == null) {
            return null;
        }
        return switch (type.typeId()) {
            case INTEGER -> ((Integer) value).longValue();
            case DATE -> (Integer) value;
            case FLOAT -> ((Float) value).doubleValue();
            case STRING -> value.toString();
            case BINARY, FIXED -> bytes((ByteBuffer) value);
            case UUID -> uuidBytes((UUID) value);
            case TIMESTAMP_NANO -> Math.floorDiv((Long) value, 1000L);
            default -> value;
        };
    }

    /** Iceberg internal value of a canonical one, for partition tuples and filter literals. */
    static Object toIceberg(Type type, Object value) {
        if (value == null) {
            return null;
        }
        return switch (type.typeId()) {
            case INTEGER, DATE -> ((Number) value).intValue();
            case LONG, TIME, TIMESTAMP -> ((Number) value).longValue();
            case FLOAT -> ((Number) value).floatValue();
            case DOUBLE -> ((Number) value).doubleValue();
            case DECIMAL -> (BigDecimal) value;
            case STRING -> value.toString();
            case BINARY, FIXED -> value instanceof ByteBuffer buffer ? buffer : ByteBuffer.wrap((byte[]) value);
            default -> value;
        };
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] result = new byte[buffer.remaining()];
        buffer.duplicate().get(result);
        return result;
    }

    private static byte[] uuidBytes(UUID uuid) {
        return ByteBuffer.allocate(16).putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits()).array();
    }
}
