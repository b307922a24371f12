package io.tarn.bench.jmh;

import io.tarn.catalog.parquet.ParquetBatchReader;
import io.tarn.catalog.parquet.ReadColumn;
import io.tarn.catalog.parquet.RowGroupSelector;
import io.tarn.catalog.type.Batch;
import io.tarn.catalog.type.Column;
import io.tarn.catalog.type.RowSchema;
import io.tarn.executor.operator.Operator;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * Columns of a Parquet file decoded once into Arrow batches, so an operator benchmark measures the operator and not
 * the scan. {@link #replay()} hands the batches out again as an operator input; each batch it returns shares the
 * memory of the kept one (reference counted, no copy), so the consumer may close it as usual.
 */
final class InMemoryTable implements AutoCloseable {
    static final int BATCH_SIZE = 8192;

    private final RowSchema schema;
    private final List<Batch> batches;
    private final long rowCount;

    private InMemoryTable(RowSchema schema, List<Batch> batches) {
        this.schema = schema;
        this.batches = batches;
        this.rowCount = batches.stream().mapToLong(Batch::rowCount).sum();
    }

    /** Reads {@code columns} (names and Tarn types as the TPC-H generator wrote them) of {@code file}. */
    static InMemoryTable read(Path file, RowSchema columns, BufferAllocator allocator) {
        requireNonNull(file, "file is null");
        List<ReadColumn> read = new ArrayList<>();
        for (Column column : columns.columns()) {
            read.add(ReadColumn.fromFile(column.name(), column.type()));
        }
        List<Batch> batches = new ArrayList<>();
        try (ParquetBatchReader reader = ParquetBatchReader.open(file, read, RowGroupSelector.ALL, BATCH_SIZE, allocator)) {
            Batch batch;
            while ((batch = reader.next()) != null) {
                batches.add(batch);
            }
        } catch (RuntimeException e) {
            batches.forEach(Batch::close);
            throw e;
        }
        return new InMemoryTable(columns, batches);
    }

    RowSchema schema() {
        return schema;
    }

    long rowCount() {
        return rowCount;
    }

    List<Batch> batches() {
        return batches;
    }

    /** An operator that returns every batch once, as shared views the caller owns. */
    Operator replay() {
        return new Operator() {
            private int next;

            @Override
            public Batch next() {
                return next < batches.size() ? share(batches.get(next++)) : null;
            }

            @Override
            public void close() {
                next = batches.size();
            }
        };
    }

    /** A batch over the same buffers; closing it releases only its own references. */
    static Batch share(Batch batch) {
        List<FieldVector> views = new ArrayList<>(batch.columnCount());
        for (FieldVector vector : batch.columns()) {
            var transfer = vector.getTransferPair(vector.getAllocator());
            transfer.splitAndTransfer(0, batch.rowCount());
            views.add((FieldVector) transfer.getTo());
        }
        return new Batch(views, batch.rowCount());
    }

    @Override
    public void close() {
        batches.forEach(Batch::close);
    }
}
