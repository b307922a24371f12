package io.tarn.bench.jmh;

import io.tarn.catalog.type.Column;
import io.tarn.catalog.type.RowSchema;
import io.tarn.executor.ExecutionContext;
import io.tarn.executor.operator.Operator;
import io.tarn.executor.operator.join.HashJoinOperator;
import io.tarn.executor.plan.JoinType;
import io.tarn.executor.plan.PhysicalHashJoin;
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
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * {@link HashJoinOperator}, one thread: builds on orders (BIGINT key), probes with lineitem (4 rows per order on
 * average), emits every joined row. {@code INNER} emits probe and build columns; {@code SEMI} only the probe rows
 * with a match, which isolates build and probe from writing the output.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = "--add-opens=java.base/java.nio=ALL-UNNAMED")
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class HashJoinBenchmark {
    @Param({"INNER", "SEMI"})
    public JoinType joinType;

    private BufferAllocator allocator;
    private InMemoryTable lineitem;
    private InMemoryTable orders;
    private ExecutionContext context;
    private PhysicalHashJoin plan;

    @Setup
    public void setUp() {
        allocator = new RootAllocator();
        context = new ExecutionContext(allocator, 1, InMemoryTable.BATCH_SIZE, ZoneOffset.UTC);
        lineitem = InMemoryTable.read(JmhData.file("lineitem"), JmhData.LINEITEM_KEYS, allocator);
        orders = InMemoryTable.read(JmhData.file("orders"), JmhData.ORDERS_KEYS, allocator);
        List<Column> output = new ArrayList<>(lineitem.schema().columns());
        if (joinType != JoinType.SEMI && joinType != JoinType.ANTI) {
            output.addAll(orders.schema().columns());
        }
        // the operator reads only the inputs' schemas from the plan; the rows come from the replayed batches
        plan = new PhysicalHashJoin(new PhysicalValues(List.of(), lineitem.schema()),
                new PhysicalValues(List.of(), orders.schema()), joinType, new int[] {0}, new int[] {0},
                new boolean[] {false}, Optional.empty(), new RowSchema(output));
    }

    @Benchmark
    public long join(Blackhole blackhole) {
        try (Operator operator = new HashJoinOperator(plan, lineitem.replay(), orders.replay(), Optional.empty(), context)) {
            return Drain.rows(operator, blackhole);
        }
    }

    @TearDown
    public void tearDown() {
        lineitem.close();
        orders.close();
        allocator.close();
    }
}
