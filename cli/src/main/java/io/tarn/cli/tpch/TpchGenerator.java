package io.tarn.cli.tpch;

import io.tarn.catalog.parquet.ParquetBatchWriter;
import io.tarn.catalog.spi.Table;
import io.tarn.catalog.spi.TableAppend;
import io.tarn.catalog.spi.TableDefinition;
import io.tarn.catalog.spi.TableFormat;
import io.tarn.catalog.spi.Warehouse;
import io.tarn.catalog.type.ArrowTypes;
import io.tarn.catalog.type.Batch;
import io.tarn.catalog.type.Column;
import io.tarn.catalog.type.DataType;
import io.tarn.catalog.type.RowSchema;
import io.tarn.catalog.type.TypeKind;
import io.trino.tpch.TpchColumn;
import io.trino.tpch.TpchEntity;
import io.trino.tpch.TpchTable;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VarCharVector;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Generates TPC-H data (io.trino.tpch) into Iceberg tables of a warehouse schema, or into plain Parquet files.
 * Types: keys BIGINT, other integers INTEGER, money and quantities DECIMAL(12,2), dates DATE, strings VARCHAR;
 * column names as in the specification ({@code l_orderkey}, ...). Each table is committed once.
 */
public final class TpchGenerator {

    /** Rows per Arrow batch written. */
    static final int BATCH_ROWS = 64 * 1024;

    private static final DataType MONEY = DataType.decimal(12, 2).withNullable(false);

    private TpchGenerator() {
    }

    /** Creates {@code schema} (if needed) and its eight tables, replacing none; returns row counts per table. */
    public static Map<String, Long> generate(Warehouse warehouse, double scale, String schema) {
        return generate(warehouse, scale, schema, null);
    }

    /** As {@link #generate(Warehouse, double, String)}, printing one progress line per table to {@code progress}. */
    public static Map<String, Long> generate(Warehouse warehouse, double scale, String schema, PrintStream progress) {
        Objects.requireNonNull(warehouse, "warehouse is null");
        Objects.requireNonNull(schema, "schema is null");
        checkScale(scale);
        warehouse.createSchema(schema, true);
        Map<String, Long> counts = new LinkedHashMap<>();
        try (BufferAllocator allocator = new RootAllocator()) {
            for (TpchTable<?> tpchTable : TpchTable.getTables()) {
                long start = System.nanoTime();
                // generating again replaces the tables, so the README's first command can be run any number of times
                warehouse.dropTable(schema, tpchTable.getTableName(), true);
                Table table = warehouse.createTable(new TableDefinition(schema, tpchTable.getTableName(),
                        schemaOf(tpchTable), List.of(), TableFormat.ICEBERG, Optional.empty(), Map.of(), false));
                long rows;
                try (TableAppend append = table.newAppend()) {
                    writeRows(tpchTable, scale, allocator, append::write);
                    rows = append.commit();
                }
                counts.put(tpchTable.getTableName(), rows);
                report(progress, schema + "." + tpchTable.getTableName(), rows, start);
            }
        }
        return counts;
    }

    /** Writes {@code <directory>/<table>.parquet} for each table; returns row counts per table. */
    public static Map<String, Long> writeParquet(Path directory, double scale) {
        return writeParquet(directory, scale, null);
    }

    public static Map<String, Long> writeParquet(Path directory, double scale, PrintStream progress) {
        return writeParquet(directory, scale, ParquetBatchWriter.Options.DEFAULT, progress);
    }

    /** As {@link #writeParquet(Path, double, PrintStream)}, with the writer's row-group limits given. */
    public static Map<String, Long> writeParquet(Path directory, double scale, ParquetBatchWriter.Options options,
                                                 PrintStream progress) {
        Objects.requireNonNull(directory, "directory is null");
        Objects.requireNonNull(options, "options is null");
        checkScale(scale);
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, Long> counts = new LinkedHashMap<>();
        try (BufferAllocator allocator = new RootAllocator()) {
            for (TpchTable<?> tpchTable : TpchTable.getTables()) {
                long start = System.nanoTime();
                Path file = directory.resolve(tpchTable.getTableName() + ".parquet");
                long rows;
                try (ParquetBatchWriter writer = ParquetBatchWriter.open(file, schemaOf(tpchTable), options)) {
                    rows = writeRows(tpchTable, scale, allocator, writer::write);
                }
                counts.put(tpchTable.getTableName(), rows);
                report(progress, file.toString(), rows, start);
            }
        }
        return counts;
    }

    /** The Tarn schema of a TPC-H table. */
    public static RowSchema schemaOf(TpchTable<?> table) {
        List<Column> columns = new ArrayList<>();
        for (TpchColumn<?> column : table.getColumns()) {
            columns.add(new Column(column.getColumnName(), typeOf(column)));
        }
        return new RowSchema(columns);
    }

    static DataType typeOf(TpchColumn<?> column) {
        DataType type = switch (column.getType().getBase()) {
            case IDENTIFIER -> DataType.BIGINT;
            case INTEGER -> DataType.INTEGER;
            case DOUBLE -> MONEY;
            case DATE -> DataType.DATE;
            case VARCHAR -> column.getType().getPrecision()
                    .map(length -> DataType.varchar(length.intValue())).orElse(DataType.VARCHAR);
        };
        return type.withNullable(false);
    }

    private interface BatchSink {
        void write(Batch batch);
    }

    /** Generates all rows of a table in batches of {@link #BATCH_ROWS}; the sink does not keep the batches. */
    private static <E extends TpchEntity> long writeRows(TpchTable<E> table, double scale, BufferAllocator allocator,
                                                        BatchSink sink) {
        List<TpchColumn<E>> columns = table.getColumns();
        RowSchema schema = schemaOf(table);
        List<E> pending = new ArrayList<>(BATCH_ROWS);
        long total = 0;
        for (E row : table.createGenerator(scale, 1, 1)) {
            pending.add(row);
            if (pending.size() == BATCH_ROWS) {
                total += flush(columns, schema, pending, allocator, sink);
            }
        }
        if (!pending.isEmpty()) {
            total += flush(columns, schema, pending, allocator, sink);
        }
        return total;
    }

    private static <E extends TpchEntity> int flush(List<TpchColumn<E>> columns, RowSchema schema, List<E> rows,
                                                   BufferAllocator allocator, BatchSink sink) {
        List<FieldVector> vectors = new ArrayList<>(columns.size());
        try {
            for (int c = 0; c < columns.size(); c++) {
                Column column = schema.column(c);
                FieldVector vector = ArrowTypes.field(column.name(), column.type()).createVector(allocator);
                vectors.add(vector);
                vector.setInitialCapacity(rows.size());
                vector.allocateNew();
                fill(columns.get(c), column.type().kind(), rows, vector);
                vector.setValueCount(rows.size());
            }
            try (Batch batch = new Batch(vectors, rows.size())) {
                vectors = List.of(); // the batch owns them now
                sink.write(batch);
            }
        } finally {
            for (FieldVector vector : vectors) {
                vector.close();
            }
        }
        int count = rows.size();
        rows.clear();
        return count;
    }

    private static <E extends TpchEntity> void fill(TpchColumn<E> column, TypeKind kind, List<E> rows,
                                                   FieldVector vector) {
        int count = rows.size();
        switch (kind) {
            case BIGINT -> {
                BigIntVector v = (BigIntVector) vector;
                for (int i = 0; i < count; i++) {
                    v.set(i, column.getIdentifier(rows.get(i)));
                }
            }
            case INTEGER -> {
                IntVector v = (IntVector) vector;
                for (int i = 0; i < count; i++) {
                    v.set(i, column.getInteger(rows.get(i)));
                }
            }
            case DECIMAL -> {
                DecimalVector v = (DecimalVector) vector;
                for (int i = 0; i < count; i++) {
                    // TPC-H money has two decimals; the generator computes it in cents, so rounding is exact.
                    v.set(i, Math.round(column.getDouble(rows.get(i)) * 100));
                }
            }
            case DATE -> {
                DateDayVector v = (DateDayVector) vector;
                for (int i = 0; i < count; i++) {
                    v.set(i, column.getDate(rows.get(i)));
                }
            }
            case VARCHAR -> {
                VarCharVector v = (VarCharVector) vector;
                for (int i = 0; i < count; i++) {
                    v.setSafe(i, column.getString(rows.get(i)).getBytes(StandardCharsets.UTF_8));
                }
            }
            default -> throw new IllegalStateException("no TPC-H column has type " + kind);
        }
    }

    private static void checkScale(double scale) {
        if (!(scale > 0)) {
            throw new IllegalArgumentException("scale factor must be positive: " + scale);
        }
    }

    private static void report(PrintStream progress, String target, long rows, long startNanos) {
        if (progress != null) {
            progress.printf("%-32s %,12d rows  %8.2f s%n", target, rows, (System.nanoTime() - startNanos) / 1e9);
        }
    }
}
