package io.tarn.bench.jmh;

import io.tarn.catalog.type.Batch;
import io.tarn.catalog.type.Column;
import io.tarn.catalog.type.DataType;
import io.tarn.catalog.type.RowSchema;
import io.tarn.executor.expression.Call;
import io.tarn.executor.expression.CompiledPredicate;
import io.tarn.executor.expression.CompiledProjection;
import io.tarn.executor.expression.Expression;
import io.tarn.executor.expression.ExpressionCompiler;
import io.tarn.executor.expression.Function;
import io.tarn.executor.expression.InputReference;
import io.tarn.executor.expression.Literal;
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

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Compiled expressions over lineitem's Q1 columns held in memory, one thread: {@code project} computes Q1's
 * {@code l_extendedprice * (1 - l_discount)} and {@code ... * (1 + l_tax)} in DECIMAL, typed as Calcite types them;
 * {@code filter} evaluates Q1's {@code l_shipdate <= DATE '1998-09-02'} into a selection of row positions.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = "--add-opens=java.base/java.nio=ALL-UNNAMED")
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class ExpressionBenchmark {
    private static final int EXTENDED_PRICE = 3;
    private static final int DISCOUNT = 4;
    private static final int TAX = 5;
    private static final int SHIP_DATE = 6;

    private BufferAllocator allocator;
    private InMemoryTable lineitem;
    private CompiledProjection projection;
    private CompiledPredicate predicate;
    private int[] selection;

    @Setup
    public void setUp() {
        allocator = new RootAllocator();
        lineitem = InMemoryTable.read(JmhData.file("lineitem"), JmhData.LINEITEM_Q1, allocator);
        projection = ExpressionCompiler.compileProjection(List.of(discountedPrice(), charge()), new RowSchema(List.of(
                new Column("disc_price", discountedPrice().type()), new Column("charge", charge().type()))), ZoneOffset.UTC);
        predicate = ExpressionCompiler.compilePredicate(shippedBy(LocalDate.of(1998, 9, 2)), ZoneOffset.UTC);
        selection = new int[InMemoryTable.BATCH_SIZE];
    }

    /** l_extendedprice * (1 - l_discount): DECIMAL(12,2) * DECIMAL(13,2) = DECIMAL(25,4). */
    static Expression discountedPrice() {
        return new Call(Function.MULTIPLY, List.of(column(EXTENDED_PRICE), oneAnd(Function.SUBTRACT, DISCOUNT)),
                decimal(25, 4));
    }

    /** l_extendedprice * (1 - l_discount) * (1 + l_tax): DECIMAL(25,4) * DECIMAL(13,2) = DECIMAL(38,6). */
    static Expression charge() {
        return new Call(Function.MULTIPLY, List.of(discountedPrice(), oneAnd(Function.ADD, TAX)), decimal(38, 6));
    }

    static Expression shippedBy(LocalDate date) {
        return new Call(Function.LESS_THAN_OR_EQUAL, List.of(new InputReference(SHIP_DATE, DataType.DATE.withNullable(false)),
                new Literal((int) date.toEpochDay(), DataType.DATE.withNullable(false))), DataType.BOOLEAN.withNullable(false));
    }

    private static Expression oneAnd(Function function, int column) {
        Expression one = new Literal(BigDecimal.ONE, decimal(1, 0));
        return new Call(function, List.of(one, column(column)), decimal(13, 2));
    }

    private static Expression column(int index) {
        return new InputReference(index, JmhData.MONEY);
    }

    private static DataType decimal(int precision, int scale) {
        return DataType.decimal(precision, scale).withNullable(false);
    }

    @Benchmark
    public long project(Blackhole blackhole) {
        long rows = 0;
        for (Batch batch : lineitem.batches()) {
            try (Batch output = projection.apply(InMemoryTable.share(batch), allocator)) {
                blackhole.consume(output.column(1).getDataBuffer().memoryAddress());
                rows += output.rowCount();
            }
        }
        return rows;
    }

    @Benchmark
    public long filter(Blackhole blackhole) {
        long selected = 0;
        for (Batch batch : lineitem.batches()) {
            int count = predicate.filter(batch, selection);
            blackhole.consume(selection);
            selected += count;
        }
        return selected;
    }

    @TearDown
    public void tearDown() {
        lineitem.close();
        allocator.close();
    }
}
