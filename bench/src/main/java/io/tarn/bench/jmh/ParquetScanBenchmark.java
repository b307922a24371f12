package io.tarn.bench.jmh;

import io.tarn.catalog.parquet.ParquetBatchReader;
import io.tarn.catalog.parquet.ReadColumn;
import io.tarn.catalog.parquet.RowGroupSelector;
import io.tarn.catalog.type.Batch;
import io.tarn.catalog.type.Column;
import io.tarn.catalog.type.RowSchema;
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

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Parquet page decoding into Arrow: {@link ParquetBatchReader} (Tarn's vectorized page decoder behind it) reading a
 * whole ZSTD lineitem file, single thread. {@code q1}: TPC-H Q1's seven columns (dictionary-encoded flags, decimals,
 * dates); {@code keys}: two BIGINT keys and a decimal; {@code comment}: one free-text VARCHAR column.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = "--add-opens=java.base/java.nio=ALL-UNNAMED")
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class ParquetScanBenchmark {
    @Param({"q1", "keys", "comment"})
    public String columns;

    private BufferAllocator allocator;
    private Path file;
    private List<ReadColumn> read;

    @Setup
    public void setUp() {
        allocator = new RootAllocator();
        file = JmhData.file("lineitem");
        RowSchema schema = switch (columns) {
            case "q1" -> JmhData.LINEITEM_Q1;
            case "keys" -> JmhData.LINEITEM_KEYS;
            case "comment" -> JmhData.LINEITEM_COMMENT;
            default -> throw new IllegalArgumentException("unknown column set " + columns);
        };
        read = schema.columns().stream().map((Column column) -> ReadColumn.fromFile(column.name(), column.type())).toList();
    }

    @Benchmark
    public long scan(Blackhole blackhole) {
        long rows = 0;
        try (ParquetBatchReader reader = ParquetBatchReader.open(file, read, RowGroupSelector.ALL,
                InMemoryTable.BATCH_SIZE, allocator)) {
            Batch batch;
            while ((batch = reader.next()) != null) {
                try (Batch owned = batch) {
                    blackhole.consume(owned.column(0).getDataBuffer().memoryAddress());
                    rows += owned.rowCount();
                }
            }
        }
        return rows;
    }

    @TearDown
    public void tearDown() {
        allocator.close(); // fails the run if a batch leaked
    }
}
