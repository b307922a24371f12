package io.tarn.executor.expression;

import io.tarn.catalog.type.DataType;
import io.tarn.catalog.type.TypeKind;
import io.tarn.executor.expression.runtime.Int128;
import io.tarn.executor.expression.runtime.Strings;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static io.tarn.executor.expression.CastCodes.INT128;
import static io.tarn.executor.expression.CastCodes.WIDE_DECIMAL_MATH;
import static io.tarn.executor.expression.CastCodes.unsupported;

/**
 * Writes the Java source of one {@link io.tarn.executor.expression.runtime.GeneratedExpression} subclass for an
 * expression tree: a loop over the batch's rows where every node is a pair of locals (null flag, primitive value).
 * Strict functions compute only when no argument is NULL; CASE, COALESCE, AND and OR evaluate their arguments
 * lazily, so an untaken branch cannot raise an error. Literal objects travel in a constants array, so the source
 * (the cache key) depends only on the expression's shape and types. Every node runs at most once per row.
 */
final class SourceGenerator {
    static final String CLASS_NAME = "io.tarn.executor.expression.generated.GeneratedExpressionImpl";

    /** The generated source and the constants its constructor expects. */
    record Source(String code, Object[] constants) {
    }

    /** A node's result: Java expressions for its null flag and its value (only valid when not null). */
    record Value(String isNull, String value, DataType type) {
    }

    /** Address-based vector access (see the class); Arrow's raw memory reads and writes. */
    private static final String DIRECT = "io.tarn.executor.vector.DirectAccess";
    private static final String MEMORY = "org.apache.arrow.memory.util.MemoryUtil";

    private final StringBuilder fields = new StringBuilder();
    private final StringBuilder constructor = new StringBuilder();
    private final StringBuilder prologue = new StringBuilder();
    private final StringBuilder body = new StringBuilder();
    private final List<Object> constants = new ArrayList<>();
    private final Set<Integer> boundInputs = new HashSet<>();
    private final FunctionCodes functions = new FunctionCodes(this);
    private int nextId;

    private SourceGenerator() {
    }

    /** Source whose {@code evaluate} writes the expression's values into an output vector of its type. */
    static Source forValue(Expression expression) {
        SourceGenerator generator = new SourceGenerator();
        Value result = generator.generate(expression);
        DataType type = expression.type();
        StringBuilder method = new StringBuilder();
        method.append("public void evaluate(FieldVector[] inputs, int rowCount, FieldVector output) {\n");
        method.append(generator.prologue);
        if (type.kind() == TypeKind.NULL) {
            method.append("output.setValueCount(rowCount);\n}\n");
            return generator.source(method);
        }
        String vectorClass = vectorClass(type);
        method.append("final ").append(vectorClass).append(" out = (").append(vectorClass).append(") output;\n");
        method.append("out.allocateNew(rowCount);\n");
        if (!isFixedWidth(type)) {
            method.append("for (int i = 0; i < rowCount; i++) {\n").append(generator.body);
            method.append("if (!(").append(result.isNull()).append(")) {\n");
            method.append(writeStatement(type, result.value())).append("\n}\n}\n");
            method.append("out.setValueCount(rowCount);\n}\n");
            return generator.source(method);
        }
        // Validity bits (and BOOLEAN values) are gathered in a local and stored a byte at a time: setting each row's
        // bit in the buffer would make every row wait for the previous row's write to the same byte.
        boolean bits = type.kind() == TypeKind.BOOLEAN;
        method.append("final long outData = " + DIRECT + ".outputData(out, rowCount);\n");
        method.append("final long outValidity = " + DIRECT + ".outputValidity(out, rowCount);\n");
        method.append("int validBits = 0;\n");
        method.append(bits ? "int valueBits = 0;\n" : "");
        method.append("for (int i = 0; i < rowCount; i++) {\n").append(generator.body);
        method.append("if (!(").append(result.isNull()).append(")) {\n");
        method.append(bits ? "if (" + result.value() + ") {\nvalueBits |= 1 << (i & 7);\n}\n" : writeStatement(type, result.value()) + "\n");
        method.append("validBits |= 1 << (i & 7);\n}\n");
        method.append("if ((i & 7) == 7) {\n").append(storeBits("i >>> 3", bits)).append("}\n}\n");
        method.append("if ((rowCount & 7) != 0) {\n").append(storeBits("rowCount >>> 3", bits)).append("}\n");
        method.append("out.setValueCount(rowCount);\n}\n");
        return generator.source(method);
    }

    /** Source whose {@code filter} lists the rows where the BOOLEAN expression is TRUE. */
    static Source forPredicate(Expression expression) {
        if (expression.type().kind() != TypeKind.BOOLEAN && expression.type().kind() != TypeKind.NULL) {
            throw unsupported("a filter condition of type " + expression.type());
        }
        SourceGenerator generator = new SourceGenerator();
        Value result = generator.generate(expression);
        StringBuilder method = new StringBuilder();
        method.append("public int filter(FieldVector[] inputs, int rowCount, int[] selection) {\n");
        method.append(generator.prologue);
        method.append("int count = 0;\n");
        method.append("for (int i = 0; i < rowCount; i++) {\n").append(generator.body);
        method.append("if (!(").append(result.isNull()).append(") && ").append(result.value()).append(") {\n");
        method.append("selection[count++] = i;\n}\n}\nreturn count;\n}\n");
        return generator.source(method);
    }

    Value generate(Expression expression) {
        if (expression instanceof InputReference reference) {
            return inputReference(reference);
        } else if (expression instanceof Literal literal) {
            return literal(literal);
        }
        return functions.call((Call) expression);
    }

    List<Value> generateAll(List<Expression> expressions) {
        List<Value> values = new ArrayList<>(expressions.size());
        for (Expression expression : expressions) {
            values.add(generate(expression));
        }
        return values;
    }

    /** Appends a statement to the loop body. */
    void line(String statement) {
        body.append(statement).append('\n');
    }

    /** Declares a result initialized to NULL. */
    Value declare(DataType type) {
        int id = nextId++;
        JavaRepresentation representation = JavaRepresentation.of(type);
        line("boolean n" + id + " = true;");
        line(representation.javaType + " v" + id + " = " + representation.defaultValue + ";");
        return new Value("n" + id, "v" + id, type);
    }

    /**
     * Sets {@code target} from {@code source} (converted to the target's type) when the source is not NULL. A DECIMAL
     * holder may end up shared rather than copied: its node runs at most once per row, so nothing overwrites it before
     * the row is done.
     */
    void assign(Value target, Value source) {
        line("if (!(" + source.isNull() + ")) {");
        line(target.value() + " = " + cast(source, target.type()) + ";");
        line(target.isNull() + " = false;");
        line("}");
    }

    /** A strict function: NULL when any argument is NULL, else {@code code} (which may use the argument values). */
    Value strict(DataType type, List<Value> arguments, String code) {
        Value result = declare(type);
        line("if (!(" + anyNull(arguments) + ")) {");
        line(result.value() + " = " + code + ";");
        line(result.isNull() + " = false;");
        line("}");
        return result;
    }

    /** Code converting a value to {@code to}'s representation (see {@link CastCodes}). */
    String cast(Value value, DataType to) {
        return cast(value.value(), value.type(), to);
    }

    String cast(String code, DataType from, DataType to) {
        return CastCodes.cast(code, from, to, this);
    }

    /**
     * A new {@link Int128} holder for one node's DECIMAL(19..38) results (or scratch space); returns its name. Holders
     * are locals of the generated method, allocated once per batch, so a generated instance shared by threads shares
     * none, and the loop reuses them instead of allocating per row.
     */
    String holder() {
        String name = "h" + nextId++;
        prologue.append("final ").append(INT128).append(' ').append(name).append(" = new ").append(INT128).append("();\n");
        return name;
    }

    /** A field holding {@code constant}, set once per generated instance; returns the field's name. */
    String constant(Object constant, String javaType) {
        int index = constants.size();
        constants.add(constant);
        fields.append("private final ").append(javaType).append(" k").append(index).append(";\n");
        constructor.append("k").append(index).append(" = (").append(javaType).append(") constants[").append(index).append("];\n");
        return "k" + index;
    }

    static String anyNull(List<Value> values) {
        List<String> flags = new ArrayList<>();
        for (Value value : values) {
            if (!value.isNull().equals("false")) {
                flags.add(value.isNull());
            }
        }
        return flags.isEmpty() ? "false" : String.join(" || ", flags);
    }

    /**
     * Declares the typed vector {@code c<index>} before the loop, once; for a fixed-width type also its data address
     * {@code a<index>} and its validity address {@code z<index>} (0 when it has no NULLs), see {@link #DIRECT}; for a
     * string or binary type its data buffer {@code d<index>}.
     */
    void bindInput(InputReference reference) {
        int index = reference.index();
        if (boundInputs.add(index)) {
            String vectorClass = vectorClass(reference.type());
            prologue.append("final ").append(vectorClass).append(" c").append(index).append(" = (").append(vectorClass)
                    .append(") inputs[").append(index).append("];\n");
            if (isFixedWidth(reference.type())) {
                prologue.append("final long a").append(index).append(" = ").append(DIRECT).append(".inputData(c")
                        .append(index).append(", rowCount);\n");
                prologue.append("final long z").append(index).append(" = ").append(DIRECT).append(".inputNulls(c")
                        .append(index).append(", rowCount);\n");
            } else if (!isNested(reference.type())) {
                prologue.append("final ArrowBuf d").append(index).append(" = c").append(index).append(".getDataBuffer();\n");
            }
        }
    }

    /** Types held in a fixed-width Arrow vector, read and written by address. */
    private static boolean isFixedWidth(DataType type) {
        return switch (type.kind()) {
            case NULL, CHAR, VARCHAR, BINARY, VARBINARY, STRUCT, LIST, MAP -> false;
            default -> true;
        };
    }

    /** STRUCT, LIST and MAP columns: only their null flags are readable by expressions. */
    static boolean isNested(DataType type) {
        return type.kind() == TypeKind.STRUCT || type.kind() == TypeKind.LIST || type.kind() == TypeKind.MAP;
    }

    private Value inputReference(InputReference reference) {
        DataType type = reference.type();
        if (type.kind() == TypeKind.NULL) {
            return new Value("true", "false", type);
        }
        int index = reference.index();
        String vector = "c" + index;
        String data = "a" + index;
        bindInput(reference);
        String read = switch (type.kind()) {
            case BOOLEAN -> DIRECT + ".bit(" + data + ", i)";
            case TINYINT -> "((long) " + MEMORY + ".getByte(" + data + " + i))";
            case SMALLINT -> "((long) " + MEMORY + ".getShort(" + data + " + ((long) i << 1)))";
            case INTEGER -> "((long) " + MEMORY + ".getInt(" + data + " + ((long) i << 2)))";
            case DATE -> MEMORY + ".getInt(" + data + " + ((long) i << 2))";
            case REAL -> "((double) Float.intBitsToFloat(" + MEMORY + ".getInt(" + data + " + ((long) i << 2))))";
            case DOUBLE -> "Double.longBitsToDouble(" + MEMORY + ".getLong(" + data + " + ((long) i << 3)))";
            case DECIMAL -> JavaRepresentation.isLongDecimal(type)
                    ? MEMORY + ".getLong(" + data + " + ((long) i << 4))"
                    : WIDE_DECIMAL_MATH + ".read(" + holder() + ", " + data + ", i)";
            case CHAR, VARCHAR, BINARY, VARBINARY -> vector + ".get(i)";
            default -> MEMORY + ".getLong(" + data + " + ((long) i << 3))";
        };
        int id = nextId++;
        JavaRepresentation representation = JavaRepresentation.of(type);
        String isNull = isFixedWidth(type) ? DIRECT + ".isNull(z" + index + ", i)" : vector + ".isNull(i)";
        line("boolean n" + id + " = " + isNull + ";");
        line(representation.javaType + " v" + id + " = n" + id + " ? " + representation.defaultValue + " : " + read + ";");
        return new Value("n" + id, "v" + id, type);
    }

    private Value literal(Literal literal) {
        DataType type = literal.type();
        Object value = literal.value();
        if (value == null || type.kind() == TypeKind.NULL) {
            // a typed local rather than a bare `null`, so overloaded calls (out.setSafe, Casts.toText) resolve
            return declare(type);
        }
        JavaRepresentation representation = JavaRepresentation.of(type);
        // every literal is a field, so expressions differing only in constants share one generated class
        String code = switch (representation) {
            case BOOLEAN -> primitiveConstant(value, "boolean", "((Boolean) constants[%d]).booleanValue()");
            case LONG -> primitiveConstant(type.kind() == TypeKind.DECIMAL
                    ? decimal(value).setScale(type.scale(), RoundingMode.HALF_UP).unscaledValue().longValueExact()
                    : ((Number) value).longValue(), "long", "((Number) constants[%d]).longValue()");
            case INT -> primitiveConstant(((Number) value).intValue(), "int", "((Number) constants[%d]).intValue()");
            case DOUBLE -> primitiveConstant(((Number) value).doubleValue(), "double", "((Number) constants[%d]).doubleValue()");
            // never a result holder, so never overwritten
            case INT128 -> constant(Int128.valueOf(decimal(value).setScale(type.scale(), RoundingMode.HALF_UP).unscaledValue()), INT128);
            case BYTES -> constant(value instanceof byte[] bytes ? bytes : Strings.utf8(value.toString()), "byte[]");
        };
        return new Value("false", code, type);
    }

    /** A primitive field holding {@code value}, read from the constants array by {@code unboxing} (with %d = index). */
    private String primitiveConstant(Object value, String javaType, String unboxing) {
        int index = constants.size();
        constants.add(value);
        fields.append("private final ").append(javaType).append(" k").append(index).append(";\n");
        constructor.append("k").append(index).append(" = ").append(String.format(unboxing, index)).append(";\n");
        return "k" + index;
    }

    /** A DECIMAL literal's value; tolerates other numbers in case a producer did not canonicalize. */
    private static BigDecimal decimal(Object value) {
        return value instanceof BigDecimal decimal ? decimal : new BigDecimal(value.toString());
    }

    private Source source(StringBuilder method) {
        String code = "package io.tarn.executor.expression.generated;\n"
                + "import org.apache.arrow.memory.ArrowBuf;\n"
                + "import org.apache.arrow.vector.*;\n"
                + "public final class GeneratedExpressionImpl extends io.tarn.executor.expression.runtime.GeneratedExpression {\n"
                + fields
                + "public GeneratedExpressionImpl(Object[] constants, java.time.ZoneId zone) {\n"
                + "super(constants, zone);\n"
                + constructor
                + "}\n"
                + method
                + "}\n";
        return new Source(code, constants.toArray());
    }

    /** Stores the gathered bits of the 8 rows up to byte {@code index} and starts the next byte. */
    private static String storeBits(String index, boolean valueBits) {
        String values = valueBits ? MEMORY + ".putByte(outData + (" + index + "), (byte) valueBits);\nvalueBits = 0;\n" : "";
        return MEMORY + ".putByte(outValidity + (" + index + "), (byte) validBits);\nvalidBits = 0;\n" + values;
    }

    /** Writes a non-null value of a type other than BOOLEAN (whose values are gathered as bits) at row {@code i}. */
    private static String writeStatement(DataType type, String value) {
        return switch (type.kind()) {
            case TINYINT -> MEMORY + ".putByte(outData + i, (byte) " + value + ");";
            case SMALLINT -> MEMORY + ".putShort(outData + ((long) i << 1), (short) " + value + ");";
            case INTEGER, DATE -> MEMORY + ".putInt(outData + ((long) i << 2), (int) " + value + ");";
            case REAL -> MEMORY + ".putInt(outData + ((long) i << 2), Float.floatToRawIntBits((float) " + value + "));";
            case DOUBLE -> MEMORY + ".putLong(outData + ((long) i << 3), Double.doubleToRawLongBits(" + value + "));";
            case DECIMAL -> JavaRepresentation.isLongDecimal(type)
                    ? MEMORY + ".putLong(outData + ((long) i << 4), " + value + "); "
                            + MEMORY + ".putLong(outData + ((long) i << 4) + 8, " + value + " >> 63);"
                    : WIDE_DECIMAL_MATH + ".write(outData, i, " + value + ");";
            case CHAR, VARCHAR, BINARY, VARBINARY -> "out.setSafe(i, " + value + ");";
            default -> MEMORY + ".putLong(outData + ((long) i << 3), " + value + ");";
        };
    }

    static String vectorClass(DataType type) {
        return switch (type.kind()) {
            case NULL -> "NullVector";
            case BOOLEAN -> "BitVector";
            case TINYINT -> "TinyIntVector";
            case SMALLINT -> "SmallIntVector";
            case INTEGER -> "IntVector";
            case BIGINT, INTERVAL_DAY_TIME, INTERVAL_YEAR_MONTH -> "BigIntVector";
            case DECIMAL -> "DecimalVector";
            case REAL -> "Float4Vector";
            case DOUBLE -> "Float8Vector";
            case CHAR, VARCHAR -> "VarCharVector";
            case BINARY, VARBINARY -> "VarBinaryVector";
            case DATE -> "DateDayVector";
            case TIME -> "TimeMicroVector";
            case TIMESTAMP -> "TimeStampMicroVector";
            case TIMESTAMP_WITH_LOCAL_TIME_ZONE -> "TimeStampMicroTZVector";
            case STRUCT, LIST, MAP -> "FieldVector";
        };
    }
}
