package io.tarn.catalog.parquet;

import io.tarn.catalog.type.ArrowTypes;
import io.tarn.catalog.type.Column;
import io.tarn.catalog.type.RowSchema;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Decodes every flat column of a file with both the vectorized and the value-at-a-time decoder and compares them. The
 * vectorized side recycles its chunk and page arrays from row group to row group as {@link ParquetBatchReader} does.
 * A second vectorized decoder reads only some rows of each batch ({@link ColumnDecoder#decodeSelected}, as late
 * materialization does): runs of chosen and skipped rows of random lengths, and now and then no row at all.
 */
final class DecoderComparison {
    /** Names of the column chunks the vectorized decoder replayed through parquet-java. */
    final List<String> replayed = new ArrayList<>();
    /** The value encodings the file's column chunks declare, and how many row groups were compared. */
    final java.util.Set<org.apache.parquet.column.Encoding> encodings = java.util.EnumSet.noneOf(
            org.apache.parquet.column.Encoding.class);
    int rowGroups;
    int comparedValues;

    void compare(Path file, int batchSize, BufferAllocator allocator) throws Exception {
        RowGroupBuffers buffers = new RowGroupBuffers();
        try (ParquetFileReader vectorizedFile = ParquetBatchReader.openFile(file, buffers);
             ParquetFileReader selectingFile = ParquetBatchReader.openFile(file);
             ParquetFileReader valueFile = ParquetBatchReader.openFile(file)) {
            MessageType schema = vectorizedFile.getFooter().getFileMetaData().getSchema();
            String createdBy = vectorizedFile.getFooter().getFileMetaData().getCreatedBy();
            RowSchema tarn = ParquetTypes.rowSchema(schema);
            int columns = tarn.columns().size();
            vectorizedFile.getFooter().getBlocks().forEach(block -> block.getColumns()
                    .forEach(chunk -> encodings.addAll(chunk.getEncodings())));
            ColumnDecoder[] vectorized = new ColumnDecoder[columns];
            ColumnDecoder[] selecting = new ColumnDecoder[columns];
            ColumnDecoder[] reference = new ColumnDecoder[columns];
            for (int c = 0; c < columns; c++) {
                PrimitiveType type = schema.getType(c).asPrimitiveType();
                vectorized[c] = assertInstanceOf(VectorizedFlatDecoder.class,
                        VectorizedFlatDecoder.create(type, tarn.columns().get(c).type(), createdBy), "decoder for " + type);
                selecting[c] = VectorizedFlatDecoder.create(type, tarn.columns().get(c).type(), createdBy);
                reference[c] = new FlatColumnDecoder(type, tarn.columns().get(c).type(), createdBy);
            }
            while (true) {
                buffers.startRowGroup();
                PageReadStore vectorizedGroup = vectorizedFile.readNextRowGroup();
                PageReadStore selectingGroup = selectingFile.readNextRowGroup();
                PageReadStore valueGroup = valueFile.readNextRowGroup();
                if (vectorizedGroup == null) {
                    break;
                }
                rowGroups++;
                for (int c = 0; c < columns; c++) {
                    vectorized[c].startRowGroup(vectorizedGroup);
                    selecting[c].startRowGroup(selectingGroup);
                    reference[c].startRowGroup(valueGroup);
                    if (((VectorizedFlatDecoder) vectorized[c]).replaying()) {
                        replayed.add(tarn.columns().get(c).name());
                    }
                }
                buffers.previousRowGroupDone();
                for (int c = 0; c < columns; c++) {
                    compareChunk(tarn.columns().get(c), vectorized[c], selecting[c], reference[c],
                            vectorizedGroup.getRowCount(), batchSize, allocator);
                }
            }
        }
    }

    private void compareChunk(Column column, ColumnDecoder vectorized, ColumnDecoder selecting, ColumnDecoder reference,
                              long rows, int batchSize, BufferAllocator allocator) {
        Random random = new Random(rows * 31 + column.name().hashCode());
        for (long done = 0; done < rows; done += batchSize) {
            int count = (int) Math.min(batchSize, rows - done);
            int[] selection = new int[count];
            int selected = randomSelection(random, selection);
            try (FieldVector fast = decode(column, vectorized, count, allocator);
                 FieldVector some = decodeSelected(column, selecting, count, selection, selected, allocator);
                 FieldVector slow = decode(column, reference, count, allocator)) {
                for (int i = 0; i < count; i++) {
                    if (!Objects.deepEquals(slow.getObject(i), fast.getObject(i))) {
                        fail("column " + column.name() + " row " + (done + i) + ": expected " + show(slow.getObject(i))
                                + " but was " + show(fast.getObject(i)));
                    }
                }
                assertEquals(slow.getNullCount(), fast.getNullCount(), column.name());
                for (int i = 0; i < selected; i++) {
                    if (!Objects.deepEquals(slow.getObject(selection[i]), some.getObject(i))) {
                        fail("column " + column.name() + " selected row " + (done + selection[i]) + ": expected "
                                + show(slow.getObject(selection[i])) + " but was " + show(some.getObject(i)));
                    }
                }
                comparedValues += count;
            }
        }
    }

    /** Fills {@code selection} with ascending rows of the batch: none (one batch in 8), or random runs; returns how many. */
    private static int randomSelection(Random random, int[] selection) {
        if (random.nextInt(8) == 0) {
            return 0;
        }
        int count = 0;
        boolean take = random.nextBoolean();
        for (int row = 0; row < selection.length; take = !take) {
            int run = 1 + random.nextInt(random.nextBoolean() ? 4 : 300);
            for (int end = Math.min(selection.length, row + run); row < end; row++) {
                if (take) {
                    selection[count++] = row;
                }
            }
        }
        return count;
    }

    private static FieldVector decodeSelected(Column column, ColumnDecoder decoder, int rows, int[] selection, int count,
                                              BufferAllocator allocator) {
        FieldVector vector = ArrowTypes.field(column.name(), column.type()).createVector(allocator);
        try {
            vector.setInitialCapacity(count);
            vector.allocateNew();
            decoder.decodeSelected(vector, rows, selection, count);
            vector.setValueCount(count);
            return vector;
        } catch (RuntimeException | Error e) {
            vector.close();
            throw e;
        }
    }

    private static String show(Object value) {
        return value instanceof byte[] bytes ? java.util.Arrays.toString(bytes) : String.valueOf(value);
    }

    private static FieldVector decode(Column column, ColumnDecoder decoder, int rows, BufferAllocator allocator) {
        FieldVector vector = ArrowTypes.field(column.name(), column.type()).createVector(allocator);
        try {
            vector.setInitialCapacity(rows);
            vector.allocateNew();
            decoder.decode(vector, rows);
            vector.setValueCount(rows);
            return vector;
        } catch (RuntimeException | Error e) {
            vector.close();
            throw e;
        }
    }
}
