package io.tarn.executor.operator.aggregate;

import io.tarn.catalog.type.Column;
import io.tarn.catalog.type.DataType;
import io.tarn.catalog.type.RowSchema;
import io.tarn.executor.expression.AggregateCall;
import io.tarn.executor.expression.AggregateFunction;
import org.apache.arrow.memory.BufferAllocator;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The one definition of the intermediate states a PARTIAL aggregation emits and a FINAL one merges: COUNT → BIGINT
 * count; SUM → the sum in the call's type; AVG → sum (BIGINT for integers, DECIMAL(38, s), or DOUBLE) and BIGINT
 * count; MIN / MAX / ANY_VALUE / BOOL_AND / BOOL_OR → the value in the argument's type; SINGLE_VALUE → value and BIGINT
 * row count; VAR_* / STDDEV_* → BIGINT count, DOUBLE sum, DOUBLE sum of squares. DISTINCT aggregates and GROUPING
 * cannot be split.
 */
public final class AggregateStates {
    private AggregateStates() {
    }

    /** Whether {@code call} can run as PARTIAL + FINAL (not DISTINCT ones, nor GROUPING, which needs grouping sets). */
    public static boolean splittable(AggregateCall call) {
        return !call.distinct() && call.function() != AggregateFunction.GROUPING;
    }

    /**
     * The schema of a PARTIAL aggregation's output over {@code input}: the group key columns (in {@code groupKeys}
     * order), then each aggregate's state columns. A FINAL aggregation reads exactly this layout, positionally: its
     * group keys must be the columns 0..k-1 and its aggregate list the PARTIAL's.
     */
    public static RowSchema partialSchema(RowSchema input, int[] groupKeys, List<AggregateCall> aggregates) {
        Objects.requireNonNull(input, "input is null");
        Objects.requireNonNull(groupKeys, "groupKeys is null");
        Objects.requireNonNull(aggregates, "aggregates is null");
        List<Column> columns = new ArrayList<>();
        for (int key : groupKeys) {
            columns.add(input.column(key));
        }
        for (AggregateCall call : aggregates) {
            if (!splittable(call)) {
                throw new IllegalArgumentException("aggregate cannot be split into PARTIAL and FINAL: " + call);
            }
            List<DataType> types = stateTypes(call, input);
            for (int i = 0; i < types.size(); i++) {
                columns.add(new Column(call.name() + "$" + i, types.get(i)));
            }
        }
        return new RowSchema(columns);
    }

    /** The state column types of {@code call} over {@code input}. */
    public static List<DataType> stateTypes(AggregateCall call, RowSchema input) {
        DataType bigint = DataType.BIGINT;
        DataType doubleType = DataType.DOUBLE;
        return switch (call.function()) {
            case COUNT -> List.of(bigint);
            case SUM, GROUPING -> List.of(call.type().withNullable(true));
            case AVG -> List.of(sumType(argumentType(call, input)), bigint);
            case MIN, MAX, ANY_VALUE, BOOL_AND, BOOL_OR -> List.of(argumentType(call, input).withNullable(true));
            case SINGLE_VALUE -> List.of(argumentType(call, input).withNullable(true), bigint);
            case VAR_POP, VAR_SAMP, STDDEV_POP, STDDEV_SAMP -> List.of(bigint, doubleType, doubleType);
        };
    }

    private static DataType argumentType(AggregateCall call, RowSchema input) {
        return input.column(call.arguments()[0]).type();
    }

    private static DataType sumType(DataType argument) {
        return switch (argument.kind()) {
            case DECIMAL -> DataType.decimal(38, argument.scale());
            case REAL, DOUBLE -> DataType.DOUBLE;
            default -> DataType.BIGINT;
        };
    }

    /**
     * A new accumulator for {@code call}; {@code valueType} is the argument's type (SINGLE, PARTIAL) or the first
     * state column's type (FINAL). GROUPING gets its constant from {@code groupingValue}.
     */
    static Accumulator accumulator(AggregateCall call, DataType valueType, long groupingValue, BufferAllocator allocator) {
        int argument = call.arguments().length == 0 ? -1 : call.arguments()[0];
        return switch (call.function()) {
            case COUNT -> new CountAccumulator(call.arguments());
            case SUM -> new SumAccumulator(argument, valueType);
            case AVG -> new AverageAccumulator(argument, valueType);
            case MIN, BOOL_AND -> extremum(argument, valueType, ExtremumKind.MIN, allocator);
            case MAX, BOOL_OR -> extremum(argument, valueType, ExtremumKind.MAX, allocator);
            case ANY_VALUE -> extremum(argument, valueType, ExtremumKind.ANY, allocator);
            case SINGLE_VALUE -> new SingleValueAccumulator(extremum(argument, valueType, ExtremumKind.ANY, allocator));
            case VAR_POP, VAR_SAMP, STDDEV_POP, STDDEV_SAMP -> new VarianceAccumulator(argument, call.function());
            case GROUPING -> new GroupingAccumulator(groupingValue);
        };
    }

    private static Accumulator extremum(int argument, DataType type, ExtremumKind kind, BufferAllocator allocator) {
        return switch (type.kind()) {
            case CHAR, VARCHAR, BINARY, VARBINARY -> new VariableWidthExtremumAccumulator(argument, kind);
            default -> new FixedWidthExtremumAccumulator(argument, type, kind, allocator);
        };
    }

    /** How many state columns {@code call} has. */
    static int stateWidth(AggregateFunction function) {
        return switch (function) {
            case COUNT, SUM, GROUPING, MIN, MAX, ANY_VALUE, BOOL_AND, BOOL_OR -> 1;
            case AVG, SINGLE_VALUE -> 2;
            case VAR_POP, VAR_SAMP, STDDEV_POP, STDDEV_SAMP -> 3;
        };
    }
}
