package io.tarn.bench.jmh;

import io.tarn.executor.ExecutionContext;
import io.tarn.executor.operator.Operator;
import io.tarn.executor.operator.sort.SortOperator;
import io.tarn.executor.plan.SortKey;
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
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@link SortOperator}, one thread, over lineitem's keys and price held in memory: ORDER BY l_extendedprice DESC,
 * l_orderkey. {@code limit = -1} sorts every row; {@code 100} is the Top-N of an ORDER BY ... LIMIT 100.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = "--add-opens=java.base/java.nio=ALL-UNNAMED")
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class SortBenchmark {
    private static final List<SortKey> KEYS = List.of(new SortKey(2, true, false), new SortKey(0, false, false));

    @Param({"-1", "100"})
    public long limit;

    private BufferAllocator allocator;
    private InMemoryTable lineitem;
    private ExecutionContext context;

    @Setup
    public void setUp() {
        allocator = new RootAllocator();
        context = new ExecutionContext(allocator, 1, InMemoryTable.BATCH_SIZE, ZoneOffset.UTC);
        lineitem = InMemoryTable.read(JmhData.file("lineitem"), JmhData.LINEITEM_KEYS, allocator);
    }

    @Benchmark
    public long sort(Blackhole blackhole) {
        try (Operator operator = new SortOperator(lineitem.replay(), KEYS, 0, limit, context)) {
            return Drain.rows(operator, blackhole);
        }
    }

    @TearDown
    public void tearDown() {
        lineitem.close();
        allocator.close();
    }
}
