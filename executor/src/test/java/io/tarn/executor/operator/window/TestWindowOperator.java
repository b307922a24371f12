package io.tarn.executor.operator.window;

import io.tarn.catalog.type.Column;
import io.tarn.catalog.type.DataType;
import io.tarn.catalog.type.RowSchema;
import io.tarn.executor.ExecutionContext;
import io.tarn.executor.expression.AggregateFunction;
import io.tarn.executor.plan.PhysicalValues;
import io.tarn.executor.plan.PhysicalWindow;
import io.tarn.executor.plan.SortKey;
import io.tarn.executor.plan.WindowFrame;
import io.tarn.executor.plan.WindowFrame.Bound;
import io.tarn.executor.plan.WindowFrame.BoundKind;
import io.tarn.executor.plan.WindowFunction;
import io.tarn.executor.plan.WindowFunction.Kind;
import io.tarn.executor.plan.WindowGroup;
import io.tarn.executor.runtime.TestRows;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

import static io.tarn.executor.runtime.TestRows.sorted;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TestWindowOperator {
    /** p (partition), o (order), v (value), s (string), d (double), three (= 3), two (= 2). */
    static final RowSchema INPUT = TestRows.schema(DataType.BIGINT, DataType.BIGINT, DataType.BIGINT,
            DataType.VARCHAR, DataType.DOUBLE, DataType.BIGINT, DataType.BIGINT);
    private static final WindowFrame RUNNING_RANGE = new WindowFrame(false, bound(BoundKind.UNBOUNDED_PRECEDING, null),
            bound(BoundKind.CURRENT_ROW, null));

    static final List<WindowGroup> GROUPS = List.of(
            new WindowGroup(new int[] {0}, List.of(new SortKey(1, false, false)), RUNNING_RANGE, List.of(
                    function(Kind.ROW_NUMBER, null, DataType.BIGINT),
                    function(Kind.RANK, null, DataType.BIGINT),
                    function(Kind.DENSE_RANK, null, DataType.BIGINT),
                    function(Kind.PERCENT_RANK, null, DataType.DOUBLE),
                    function(Kind.CUME_DIST, null, DataType.DOUBLE),
                    function(Kind.NTILE, null, DataType.BIGINT, 5),
                    function(Kind.LAG, null, DataType.BIGINT, 2),
                    function(Kind.LEAD, null, DataType.BIGINT, 2, 6, 1),
                    function(Kind.FIRST_VALUE, null, DataType.VARCHAR, 3),
                    function(Kind.LAST_VALUE, null, DataType.VARCHAR, 3),
                    function(Kind.NTH_VALUE, null, DataType.BIGINT, 2, 6),
                    function(Kind.AGGREGATE, AggregateFunction.SUM, DataType.BIGINT, 2),
                    function(Kind.AGGREGATE, AggregateFunction.COUNT, DataType.BIGINT),
                    function(Kind.AGGREGATE, AggregateFunction.AVG, DataType.DOUBLE, 2),
                    function(Kind.AGGREGATE, AggregateFunction.MIN, DataType.VARCHAR, 3),
                    function(Kind.AGGREGATE, AggregateFunction.MAX, DataType.BIGINT, 2))),
            new WindowGroup(new int[] {0}, List.of(new SortKey(1, true, true)),
                    new WindowFrame(true, bound(BoundKind.PRECEDING, 2L), bound(BoundKind.FOLLOWING, 1L)), List.of(
                    function(Kind.AGGREGATE, AggregateFunction.SUM, DataType.BIGINT, 2),
                    function(Kind.AGGREGATE, AggregateFunction.COUNT, DataType.BIGINT, 2),
                    function(Kind.AGGREGATE, AggregateFunction.MAX, DataType.VARCHAR, 3),
                    function(Kind.FIRST_VALUE, null, DataType.BIGINT, 2),
                    function(Kind.LAST_VALUE, null, DataType.BIGINT, 2),
                    function(Kind.AGGREGATE, AggregateFunction.STDDEV_SAMP, DataType.DOUBLE, 4))),
            new WindowGroup(new int[] {}, List.of(new SortKey(1, false, true), new SortKey(2, false, true)),
                    new WindowFrame(true, bound(BoundKind.CURRENT_ROW, null), bound(BoundKind.UNBOUNDED_FOLLOWING, null)), List.of(
                    function(Kind.AGGREGATE, AggregateFunction.SUM, DataType.BIGINT, 2),
                    function(Kind.AGGREGATE, AggregateFunction.MIN, DataType.BIGINT, 2))),
            new WindowGroup(new int[] {0}, List.of(new SortKey(1, false, false)),
                    new WindowFrame(false, bound(BoundKind.PRECEDING, 2L), bound(BoundKind.FOLLOWING, 1L)), List.of(
                    function(Kind.AGGREGATE, AggregateFunction.SUM, DataType.BIGINT, 2),
                    function(Kind.AGGREGATE, AggregateFunction.COUNT, DataType.BIGINT))));

    private final RootAllocator allocator = new RootAllocator();

    @AfterEach
    void checkNoLeaks() {
        assertEquals(0, allocator.getAllocatedMemory(), "leaked Arrow memory");
        allocator.close();
    }

    @Test
    void matchesReference() {
        for (int seed = 0; seed < 6; seed++) {
            List<List<Object>> rows = randomRows(new Random(seed), seed == 0 ? 1 : 15 + seed * 10);
            assertEquals(normalized(reference(rows)), normalized(run(rows, 4)), "seed " + seed);
        }
        assertEquals(List.of(), run(List.of(), 4));
    }

    @Test
    void distinctAggregateIsRejectedClearly() {
        WindowFunction distinct = new WindowFunction(Kind.AGGREGATE, AggregateFunction.COUNT, new int[] {2}, true, DataType.BIGINT, "c");
        WindowGroup group = new WindowGroup(new int[] {0}, List.of(), RUNNING_RANGE, List.of(distinct));
        PhysicalWindow plan = new PhysicalWindow(new PhysicalValues(List.of(), INPUT), List.of(group), schema(List.of(group)));
        ExecutionContext context = new ExecutionContext(allocator, 1, 10, ZoneOffset.UTC);
        WindowOperator operator = new WindowOperator(plan, TestRows.source(INPUT, randomRows(new Random(1), 5), allocator, 2), context);
        UnsupportedOperationException error = assertThrows(UnsupportedOperationException.class,
                () -> TestRows.drain(operator));
        assertEquals("DISTINCT window aggregates are not supported yet", error.getMessage());
    }

    private List<List<Object>> run(List<List<Object>> rows, int batchSize) {
        PhysicalWindow plan = new PhysicalWindow(new PhysicalValues(List.of(), INPUT), GROUPS, schema(GROUPS));
        ExecutionContext context = new ExecutionContext(allocator, 1, batchSize, ZoneOffset.UTC);
        return TestRows.drain(new WindowOperator(plan, TestRows.source(INPUT, rows, allocator, 1, 5, 3), context));
    }

    static RowSchema schema(List<WindowGroup> groups) {
        List<Column> columns = new ArrayList<>(INPUT.columns());
        for (WindowGroup group : groups) {
            for (WindowFunction function : group.functions()) {
                columns.add(new Column(function.name(), function.type()));
            }
        }
        return new RowSchema(columns);
    }

    private static List<List<Object>> reference(List<List<Object>> rows) {
        List<List<Object>> result = new ArrayList<>();
        for (List<Object> row : rows) {
            result.add(new ArrayList<>(row));
        }
        for (WindowGroup group : GROUPS) {
            Integer[] order = new Integer[rows.size()];
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
            }
            Comparator<Integer> byPartition = (a, b) -> 0;
            for (int key : group.partitionKeys()) {
                byPartition = byPartition.thenComparing(i -> (Long) rows.get(i).get(key), Comparator.nullsFirst(Comparator.<Long>naturalOrder()));
            }
            Comparator<Integer> byOrder = (a, b) -> 0;
            for (SortKey key : group.orderKeys()) {
                Comparator<Long> values = key.descending() ? Comparator.<Long>reverseOrder() : Comparator.<Long>naturalOrder();
                byOrder = byOrder.thenComparing(i -> (Long) rows.get(i).get(key.column()),
                        key.nullsFirst() ? Comparator.nullsFirst(values) : Comparator.nullsLast(values));
            }
            Arrays.sort(order, byPartition.thenComparing(byOrder));
            List<List<Object>> groupResults = new ArrayList<>();
            for (int f = 0; f < group.functions().size(); f++) {
                groupResults.add(new ArrayList<>(java.util.Collections.nCopies(rows.size(), null)));
            }
            int start = 0;
            while (start < order.length) {
                int end = start;
                while (end < order.length && byPartition.compare(order[start], order[end]) == 0) {
                    end++;
                }
                List<Integer> partition = Arrays.asList(order).subList(start, end);
                for (int f = 0; f < group.functions().size(); f++) {
                    for (int position = 0; position < partition.size(); position++) {
                        groupResults.get(f).set(partition.get(position),
                                referenceValue(group, group.functions().get(f), rows, partition, position, byOrder));
                    }
                }
                start = end;
            }
            for (int r = 0; r < rows.size(); r++) {
                for (List<Object> values : groupResults) {
                    result.get(r).add(values.get(r));
                }
            }
        }
        return result;
    }

    private static Object referenceValue(WindowGroup group, WindowFunction function, List<List<Object>> rows,
                                         List<Integer> partition, int position, Comparator<Integer> byOrder) {
        int size = partition.size();
        int current = partition.get(position);
        int peerStart = position;
        while (peerStart > 0 && byOrder.compare(partition.get(peerStart - 1), current) == 0) {
            peerStart--;
        }
        int peerEnd = position + 1;
        while (peerEnd < size && byOrder.compare(partition.get(peerEnd), current) == 0) {
            peerEnd++;
        }
        int[] args = function.arguments();
        switch (function.kind()) {
            case ROW_NUMBER:
                return (long) position + 1;
            case RANK:
                return (long) peerStart + 1;
            case DENSE_RANK: {
                long rank = 1;
                for (int p = 1; p <= position; p++) {
                    if (byOrder.compare(partition.get(p - 1), partition.get(p)) != 0) {
                        rank++;
                    }
                }
                return rank;
            }
            case PERCENT_RANK:
                return size == 1 ? 0.0 : (double) peerStart / (size - 1);
            case CUME_DIST:
                return (double) peerEnd / size;
            case NTILE: {
                long n = (Long) rows.get(current).get(args[0]);
                long bucket = 0;
                long assigned = 0;
                for (long b = 0; b < n; b++) {
                    long bucketSize = size / n + (b < size % n ? 1 : 0);
                    if (position < assigned + bucketSize) {
                        bucket = b;
                        break;
                    }
                    assigned += bucketSize;
                }
                return bucket + 1;
            }
            case LAG:
                return position >= 1 ? rows.get(partition.get(position - 1)).get(args[0]) : null;
            case LEAD: {
                long offset = (Long) rows.get(current).get(args[1]);
                return position + offset < size ? rows.get(partition.get((int) (position + offset))).get(args[0]) : rows.get(current).get(args[2]);
            }
            default:
                break;
        }
        List<Integer> frame = frame(group, rows, partition, position, peerStart, peerEnd);
        switch (function.kind()) {
            case FIRST_VALUE:
                return frame.isEmpty() ? null : rows.get(frame.get(0)).get(args[0]);
            case LAST_VALUE:
                return frame.isEmpty() ? null : rows.get(frame.get(frame.size() - 1)).get(args[0]);
            case NTH_VALUE: {
                int n = (int) (long) (Long) rows.get(current).get(args[1]);
                return frame.size() >= n ? rows.get(frame.get(n - 1)).get(args[0]) : null;
            }
            default:
                break;
        }
        List<Object> values = new ArrayList<>();
        for (int row : frame) {
            if (args.length == 0) {
                values.add(1L);
            } else if (rows.get(row).get(args[0]) != null) {
                values.add(rows.get(row).get(args[0]));
            }
        }
        switch (function.aggregate()) {
            case COUNT:
                return (long) values.size();
            case SUM:
                return values.isEmpty() ? null : values.stream().mapToLong(v -> (Long) v).sum();
            case AVG:
                return values.isEmpty() ? null : values.stream().mapToLong(v -> (Long) v).sum() / (double) values.size();
            case MIN:
                return values.stream().min(TestWindowOperator::compare).orElse(null);
            case MAX:
                return values.stream().max(TestWindowOperator::compare).orElse(null);
            case STDDEV_SAMP: {
                if (values.size() < 2) {
                    return null;
                }
                double mean = values.stream().mapToDouble(v -> (Double) v).average().orElseThrow();
                double squares = values.stream().mapToDouble(v -> Math.pow((Double) v - mean, 2)).sum();
                return Math.sqrt(squares / (values.size() - 1));
            }
            default:
                throw new AssertionError(function);
        }
    }

    /** The frame's rows by definition: ROWS by position, RANGE by peers or by order key value. */
    private static List<Integer> frame(WindowGroup group, List<List<Object>> rows, List<Integer> partition, int position,
                                       int peerStart, int peerEnd) {
        WindowFrame frame = group.frame();
        List<Integer> result = new ArrayList<>();
        for (int p = 0; p < partition.size(); p++) {
            boolean inFrame;
            if (frame.rows()) {
                inFrame = p >= position - offset(frame.lower(), true) && p <= position + offset(frame.upper(), false);
            } else if (frame.lower().offset() == null) {
                inFrame = p < peerEnd;
            } else {
                Long key = (Long) rows.get(partition.get(p)).get(group.orderKeys().get(0).column());
                Long currentKey = (Long) rows.get(partition.get(position)).get(group.orderKeys().get(0).column());
                inFrame = currentKey == null ? key == null
                        : key != null && key >= currentKey - (Long) frame.lower().offset() && key <= currentKey + (Long) frame.upper().offset();
            }
            if (inFrame) {
                result.add(partition.get(p));
            }
        }
        return result;
    }

    /** A ROWS bound as a distance from the current row (preceding side for lower bounds). */
    private static long offset(Bound bound, boolean lower) {
        return switch (bound.kind()) {
            case UNBOUNDED_PRECEDING, UNBOUNDED_FOLLOWING -> Integer.MAX_VALUE;
            case CURRENT_ROW -> 0;
            case PRECEDING -> lower ? (Long) bound.offset() : -(Long) bound.offset();
            case FOLLOWING -> lower ? -(Long) bound.offset() : (Long) bound.offset();
        };
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int compare(Object a, Object b) {
        return ((Comparable) a).compareTo(b);
    }

    static List<String> normalized(List<List<Object>> rows) {
        List<List<Object>> rounded = new ArrayList<>();
        for (List<Object> row : rows) {
            rounded.add(row.stream().map(v -> v instanceof Double d ? (Object) String.format("%.6g", d) : v).toList());
        }
        return sorted(rounded);
    }

    private static Bound bound(BoundKind kind, Object offset) {
        return new Bound(kind, offset);
    }

    private static WindowFunction function(Kind kind, AggregateFunction aggregate, DataType type, int... arguments) {
        return new WindowFunction(kind, aggregate, arguments, false, type, kind.name().toLowerCase() + Arrays.toString(arguments));
    }

    private static List<List<Object>> randomRows(Random random, int count) {
        List<List<Object>> rows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            rows.add(Arrays.asList(TestRows.randomLong(random, 3, 0.1), TestRows.randomLong(random, 6, 0.1),
                    TestRows.randomLong(random, 100, 0.1), TestRows.randomString(random, 20, 0.1),
                    random.nextDouble() < 0.1 ? null : random.nextInt(100) / 4.0, 3L, 2L));
        }
        return rows;
    }
}
