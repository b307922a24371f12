package io.tarn.bench.jmh;

import io.tarn.catalog.type.Column;
import io.tarn.catalog.type.DataType;
import io.tarn.catalog.type.RowSchema;
import io.tarn.executor.ExecutionContext;
import io.tarn.executor.expression.AggregateCall;
import io.tarn.executor.expression.AggregateFunction;
import io.tarn.executor.operator.Operator;
import io.tarn.executor.operator.aggregate.HashAggregateOperator;
import io.tarn.executor.plan.AggregateStep;
import io.tarn.executor.plan.PhysicalHashAggregate;
import io.tarn.executor.plan.PhysicalValues;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@link HashAggregateOperator} over lineitem held in memory, single step, one thread. {@code q1}: TPC-H Q1's
 * grouping (two one-character flags, 4 groups) with three sums, a max and a count; {@code orderkey}: one BIGINT key
 * with about a quarter as many groups as rows, a sum and a count (lineitem is sorted by it, so lookups hit the cache);
 * {@code partkey}: one BIGINT key in random order, 200,000 groups per SF, a sum and a count; {@code partsupp}: two
 * BIGINT keys in random order, 800,000 groups per SF, a sum and a count (both with tables bigger than the caches).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = "--add-opens=java.base/java.nio=ALL-UNNAMED")
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class HashAggregateBenchmark {
    private static final DataType SUM_OF_MONEY = DataType.decimal(38, 2).withNullable(false);

    @Param({"q1", "orderkey", "partkey", "partsupp"})
    public String grouping;

    private BufferAllocator allocator;
    private InMemoryTable lineitem;
    private ExecutionContext context;
    private PhysicalHashAggregate plan;

    @Setup
    public void setUp() {
        allocator = new RootAllocator();
        context = new ExecutionContext(allocator, 1, InMemoryTable.BATCH_SIZE, ZoneOffset.UTC);
        if (grouping.equals("q1")) {
            lineitem = InMemoryTable.read(JmhData.file("lineitem"), JmhData.LINEITEM_Q1, allocator);
            plan = aggregate(new int[] {0, 1}, List.of(
                    call(AggregateFunction.SUM, 2, SUM_OF_MONEY), call(AggregateFunction.SUM, 3, SUM_OF_MONEY),
                    call(AggregateFunction.SUM, 4, SUM_OF_MONEY), call(AggregateFunction.MAX, 5, JmhData.MONEY),
                    call(AggregateFunction.COUNT, -1, DataType.BIGINT.withNullable(false))));
        } else {
            boolean partSupp = grouping.equals("partsupp");
            lineitem = InMemoryTable.read(JmhData.file("lineitem"),
                    partSupp ? JmhData.LINEITEM_PART_SUPP : JmhData.LINEITEM_KEYS, allocator);
            int[] keys = switch (grouping) {
                case "orderkey" -> new int[] {0};
                case "partkey" -> new int[] {1};
                case "partsupp" -> new int[] {0, 1};
                default -> throw new IllegalArgumentException("unknown grouping: " + grouping);
            };
            plan = aggregate(keys, List.of(call(AggregateFunction.SUM, 2, SUM_OF_MONEY),
                    call(AggregateFunction.COUNT, -1, DataType.BIGINT.withNullable(false))));
        }
    }

    private PhysicalHashAggregate aggregate(int[] keys, List<AggregateCall> aggregates) {
        List<Column> output = new ArrayList<>();
        for (int key : keys) {
            output.add(lineitem.schema().column(key));
        }
        for (AggregateCall aggregate : aggregates) {
            output.add(new Column(aggregate.name(), aggregate.type()));
        }
        // the operator reads only the input's schema from the plan; the rows come from the replayed batches
        return new PhysicalHashAggregate(new PhysicalValues(List.of(), lineitem.schema()), keys, List.of(), aggregates,
                AggregateStep.SINGLE, new RowSchema(output));
    }

    private static AggregateCall call(AggregateFunction function, int argument, DataType type) {
        int[] arguments = argument < 0 ? new int[0] : new int[] {argument};
        return new AggregateCall(function, arguments, false, -1, type, function.name().toLowerCase() + (argument < 0 ? "" : "_" + argument));
    }

    @Benchmark
    public long aggregate(Blackhole blackhole) {
        try (Operator operator = new HashAggregateOperator(plan, lineitem.replay(), context)) {
            return Drain.rows(operator, blackhole);
        }
    }

    @TearDown
    public void tearDown() {
        lineitem.close();
        allocator.close();
    }
}
