package io.tarn.catalog.parquet;

import io.tarn.catalog.BatchValidation;
import io.tarn.catalog.spi.CatalogException;
import io.tarn.catalog.spi.TableAppend;
import io.tarn.catalog.type.Batch;
import io.tarn.catalog.type.RowSchema;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.UUID;

import static java.util.Objects.requireNonNull;

/**
 * Appends to a managed Parquet table: rows go to one new file under a temporary name that listings skip
 * ({@code _tmp-*.parquet}); commit renames it atomically to its final name, close without commit deletes it.
 */
final class ParquetAppend implements TableAppend {
    private final String table;
    private final RowSchema schema;
    private final Path temporary;
    private final Path target;
    private ParquetBatchWriter writer;
    private boolean finished;

    ParquetAppend(String table, RowSchema schema, Path directory) {
        this.table = table;
        this.schema = schema;
        String id = UUID.randomUUID().toString();
        this.temporary = directory.resolve("_tmp-" + id + ".parquet");
        this.target = directory.resolve("part-" + id + ".parquet");
    }

    @Override
    public void write(Batch batch) {
        requireNonNull(batch, "batch is null");
        if (finished) {
            throw new IllegalStateException("append to " + table + " is finished");
        }
        BatchValidation.check(table, schema, batch);
        if (writer == null) {
            try {
                Files.createDirectories(temporary.getParent());
            } catch (IOException e) {
                throw new CatalogException(CatalogException.IO_ERROR, "cannot create " + temporary.getParent(), e);
            }
            writer = ParquetBatchWriter.open(temporary, schema);
        }
        writer.write(batch);
    }

    @Override
    public long commit() {
        if (finished) {
            throw new IllegalStateException("append to " + table + " is finished");
        }
        if (writer == null) {
            finished = true;
            return 0;
        }
        try {
            writer.close();
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
            finished = true;
            return writer.rowCount();
        } catch (IOException | RuntimeException e) {
            close();
            throw e instanceof CatalogException c ? c
                    : new CatalogException(CatalogException.IO_ERROR, "cannot commit append to " + table + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        if (finished) {
            return;
        }
        finished = true;
        if (writer != null) {
            try {
                writer.close();
            } finally {
                try {
                    Files.deleteIfExists(temporary);
                } catch (IOException e) {
                    throw new CatalogException(CatalogException.IO_ERROR, "cannot delete " + temporary, e);
                }
            }
        }
    }
}
