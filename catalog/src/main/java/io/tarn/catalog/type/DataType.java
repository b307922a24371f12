package io.tarn.catalog.type;

import java.util.List;
import java.util.Objects;

/**
 * A Tarn SQL type. Precision/scale are used by DECIMAL (and as length for CHAR/VARCHAR/BINARY, -1 = unbounded);
 * {@code children}/{@code fieldNames} describe STRUCT fields, the LIST element, or MAP key and value.
 */
public record DataType(TypeKind kind, int precision, int scale, boolean nullable,
                       List<DataType> children, List<String> fieldNames) {

    public DataType {
        Objects.requireNonNull(kind, "kind is null");
        children = List.copyOf(children);
        fieldNames = List.copyOf(fieldNames);
    }

    public static DataType of(TypeKind kind) {
        return new DataType(kind, -1, 0, true, List.of(), List.of());
    }

    public static DataType decimal(int precision, int scale) {
        return new DataType(TypeKind.DECIMAL, precision, scale, true, List.of(), List.of());
    }

    public static DataType varchar(int length) {
        return new DataType(TypeKind.VARCHAR, length, 0, true, List.of(), List.of());
    }

    public static DataType struct(List<String> names, List<DataType> fields) {
        return new DataType(TypeKind.STRUCT, -1, 0, true, fields, names);
    }

    public static DataType list(DataType element) {
        return new DataType(TypeKind.LIST, -1, 0, true, List.of(element), List.of("element"));
    }

    public static DataType map(DataType key, DataType value) {
        return new DataType(TypeKind.MAP, -1, 0, true, List.of(key, value), List.of("key", "value"));
    }

    public static final DataType BOOLEAN = of(TypeKind.BOOLEAN);
    public static final DataType INTEGER = of(TypeKind.INTEGER);
    public static final DataType BIGINT = of(TypeKind.BIGINT);
    public static final DataType DOUBLE = of(TypeKind.DOUBLE);
    public static final DataType VARCHAR = varchar(-1);
    public static final DataType DATE = of(TypeKind.DATE);
    public static final DataType TIMESTAMP = of(TypeKind.TIMESTAMP);

    public DataType withNullable(boolean nullable) {
        return new DataType(kind, precision, scale, nullable, children, fieldNames);
    }

    /** Same type ignoring nullability (at the top level). */
    public boolean sameTypeAs(DataType other) {
        return withNullable(true).equals(other.withNullable(true));
    }

    @Override
    public String toString() {
        String base = switch (kind) {
            case DECIMAL -> "DECIMAL(" + precision + ", " + scale + ")";
            case CHAR, VARCHAR, BINARY, VARBINARY -> precision < 0 ? kind.name() : kind.name() + "(" + precision + ")";
            case TIMESTAMP_WITH_LOCAL_TIME_ZONE -> "TIMESTAMP WITH LOCAL TIME ZONE";
            case STRUCT -> {
                StringBuilder sb = new StringBuilder("STRUCT<");
                for (int i = 0; i < children.size(); i++) {
                    sb.append(i == 0 ? "" : ", ").append(fieldNames.get(i)).append(' ').append(children.get(i));
                }
                yield sb.append('>').toString();
            }
            case LIST -> "ARRAY<" + children.get(0) + ">";
            case MAP -> "MAP<" + children.get(0) + ", " + children.get(1) + ">";
            default -> kind.name();
        };
        return nullable ? base : base + " NOT NULL";
    }
}
