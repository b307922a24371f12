package io.tarn.catalog.parquet;

import io.tarn.catalog.type.ArrowTypes;
import io.tarn.catalog.type.Column;
import io.tarn.catalog.type.RowSchema;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.filter2.columnindex.RowRanges;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Decodes every flat column of a file with both the vectorized and the value-at-a-time decoder and compares them. The
 * vectorized side recycles its chunk and page arrays from row group to row group as {@link ParquetBatchReader} does.
 * A second vectorized decoder reads only some rows: random row ranges of each row group (just the pages holding them,
 * as page-index pruning reads them) when the file has offset indexes, and of those only some rows of each batch
 * ({@link ColumnDecoder#decodeSelected}, as late materialization does): runs of chosen and skipped rows of random
 * lengths, and now and then no row at all. A third reads the same rows' dictionary ids where the chunk offers them
 * ({@link ColumnDecoder#dictionary}), which must stand for the same values.
 */
final class DecoderComparison {
    /** Names of the column chunks the vectorized decoder replayed through parquet-java. */
    final List<String> replayed = new ArrayList<>();
    /** The value encodings the file's column chunks declare, and how many row groups were compared. */
    final java.util.Set<org.apache.parquet.column.Encoding> encodings = java.util.EnumSet.noneOf(
            org.apache.parquet.column.Encoding.class);
    int rowGroups;
    int comparedValues;
    /** How many row groups the second decoder read only some pages of. */
    int partlyReadRowGroups;
    /** How many values were compared by their dictionary ids. */
    int comparedIds;

    void compare(Path file, int batchSize, BufferAllocator allocator) throws Exception {
        RowGroupBuffers buffers = new RowGroupBuffers();
        try (ParquetFileReader vectorizedFile = ParquetBatchReader.openFile(file, buffers);
             ParquetFileReader selectingFile = ParquetBatchReader.openFile(file);
             ParquetFileReader idsFile = ParquetBatchReader.openFile(file);
             ParquetFileReader valueFile = ParquetBatchReader.openFile(file)) {
            MessageType schema = vectorizedFile.getFooter().getFileMetaData().getSchema();
            String createdBy = vectorizedFile.getFooter().getFileMetaData().getCreatedBy();
            RowSchema tarn = ParquetTypes.rowSchema(schema);
            int columns = tarn.columns().size();
            vectorizedFile.getFooter().getBlocks().forEach(block -> block.getColumns()
                    .forEach(chunk -> encodings.addAll(chunk.getEncodings())));
            ColumnDecoder[] vectorized = new ColumnDecoder[columns];
            ColumnDecoder[] selecting = new ColumnDecoder[columns];
            ColumnDecoder[] idReading = new ColumnDecoder[columns];
            ColumnDecoder[] reference = new ColumnDecoder[columns];
            for (int c = 0; c < columns; c++) {
                PrimitiveType type = schema.getType(c).asPrimitiveType();
                vectorized[c] = assertInstanceOf(VectorizedFlatDecoder.class,
                        VectorizedFlatDecoder.create(type, tarn.columns().get(c).type(), createdBy), "decoder for " + type);
                selecting[c] = VectorizedFlatDecoder.create(type, tarn.columns().get(c).type(), createdBy);
                idReading[c] = VectorizedFlatDecoder.create(type, tarn.columns().get(c).type(), createdBy);
                reference[c] = new FlatColumnDecoder(type, tarn.columns().get(c).type(), createdBy);
            }
            Random random = new Random(file.getFileName().toString().hashCode());
            for (int group = 0; ; group++) {
                buffers.startRowGroup();
                PageReadStore vectorizedGroup = vectorizedFile.readNextRowGroup();
                PageReadStore valueGroup = valueFile.readNextRowGroup();
                if (vectorizedGroup == null) {
                    break;
                }
                rowGroups++;
                BlockMetaData block = selectingFile.getRowGroups().get(group);
                RowRanges ranges = block.getColumns().stream().allMatch(chunk -> chunk.getOffsetIndexReference() != null)
                        ? randomRanges(random, block.getRowCount()) : null;
                PageReadStore selectingGroup = ranges == null
                        ? selectingFile.readRowGroup(group) : selectingFile.readFilteredRowGroup(group, ranges);
                PageReadStore idsGroup = ranges == null
                        ? idsFile.readRowGroup(group) : idsFile.readFilteredRowGroup(group, ranges);
                if (ranges != null && selectingGroup.getRowCount() < block.getRowCount()) {
                    partlyReadRowGroups++;
                }
                for (int c = 0; c < columns; c++) {
                    vectorized[c].startRowGroup(vectorizedGroup, null);
                    selecting[c].startRowGroup(selectingGroup, ranges);
                    idReading[c].startRowGroup(idsGroup, ranges);
                    reference[c].startRowGroup(valueGroup, null);
                    if (((VectorizedFlatDecoder) vectorized[c]).replaying()) {
                        replayed.add(tarn.columns().get(c).name());
                    }
                }
                buffers.previousRowGroupDone();
                for (int c = 0; c < columns; c++) {
                    List<Object> expected = compareChunk(tarn.columns().get(c), vectorized[c], reference[c],
                            vectorizedGroup.getRowCount(), batchSize, allocator);
                    compareSelected(tarn.columns().get(c), selecting[c], expected, ranges, batchSize, random, allocator);
                    compareIds(tarn.columns().get(c), idReading[c], expected, ranges, batchSize, allocator);
                }
            }
        }
    }

    /** Compares the chunk's values read both ways; returns them. */
    private List<Object> compareChunk(Column column, ColumnDecoder vectorized, ColumnDecoder reference, long rows,
                                      int batchSize, BufferAllocator allocator) {
        List<Object> values = new ArrayList<>();
        for (long done = 0; done < rows; done += batchSize) {
            int count = (int) Math.min(batchSize, rows - done);
            try (FieldVector fast = decode(column, vectorized, count, allocator);
                 FieldVector slow = decode(column, reference, count, allocator)) {
                for (int i = 0; i < count; i++) {
                    if (!Objects.deepEquals(slow.getObject(i), fast.getObject(i))) {
                        fail("column " + column.name() + " row " + (done + i) + ": expected " + show(slow.getObject(i))
                                + " but was " + show(fast.getObject(i)));
                    }
                    values.add(slow.getObject(i));
                }
                assertEquals(slow.getNullCount(), fast.getNullCount(), column.name());
                comparedValues += count;
            }
        }
        return values;
    }

    /** Reads the rows of {@code ranges} (all when null) in batches, each only at random rows, and compares them. */
    private static void compareSelected(Column column, ColumnDecoder selecting, List<Object> expected, RowRanges ranges,
                                        int batchSize, Random random, BufferAllocator allocator) {
        long[] rowsRead = rowsRead(expected.size(), ranges);
        for (int done = 0; done < rowsRead.length; done += batchSize) {
            int count = Math.min(batchSize, rowsRead.length - done);
            int[] selection = new int[count];
            int selected = randomSelection(random, selection);
            try (FieldVector some = decodeSelected(column, selecting, count, selection, selected, allocator)) {
                for (int i = 0; i < selected; i++) {
                    long row = rowsRead[done + selection[i]];
                    if (!Objects.deepEquals(expected.get((int) row), some.getObject(i))) {
                        fail("column " + column.name() + " selected row " + row + " (ranges " + ranges + "): expected "
                                + show(expected.get((int) row)) + " but was " + show(some.getObject(i)));
                    }
                }
            }
        }
    }

    /** Reads the rows of {@code ranges} (all when null) as dictionary ids, when offered, and compares their values. */
    private void compareIds(Column column, ColumnDecoder decoder, List<Object> expected, RowRanges ranges, int batchSize,
                            BufferAllocator allocator) {
        try (FieldVector dictionary = decoder.dictionary(ArrowTypes.field(column.name(), column.type()), allocator)) {
            if (dictionary == null) {
                return;
            }
            assertTrue(dictionary.isNull(dictionary.getValueCount() - 1), "the last entry is the null");
            long[] rowsRead = rowsRead(expected.size(), ranges);
            int[] ids = new int[batchSize];
            for (int done = 0; done < rowsRead.length; done += batchSize) {
                int count = Math.min(batchSize, rowsRead.length - done);
                decoder.decodeIds(ids, count);
                for (int i = 0; i < count; i++) {
                    Object value = expected.get((int) rowsRead[done + i]);
                    if (!Objects.deepEquals(value, dictionary.getObject(ids[i]))) {
                        fail("column " + column.name() + " row " + rowsRead[done + i] + " by id " + ids[i] + ": expected "
                                + show(value) + " but was " + show(dictionary.getObject(ids[i])));
                    }
                }
                comparedIds += count;
            }
        }
    }

    private static long[] rowsRead(int rows, RowRanges ranges) {
        return ranges == null
                ? java.util.stream.LongStream.range(0, rows).toArray()
                : java.util.stream.StreamSupport.longStream(java.util.Spliterators.spliteratorUnknownSize(
                        ranges.iterator(), 0), false).toArray();
    }

    /** Ranges of random lengths, every other one read, from a random start; at least one row. */
    private static RowRanges randomRanges(Random random, long rows) {
        RowRanges.Builder builder = RowRanges.builder();
        long row = random.nextInt((int) Math.min(rows, 100));
        boolean any = false;
        while (row < rows) {
            long length = 1 + random.nextInt((int) Math.max(1, rows / 4));
            long last = Math.min(rows, row + length) - 1;
            builder.addSelectedRange(row, last);
            any = true;
            row = last + 2 + random.nextInt((int) Math.max(1, rows / 4));
        }
        return any ? builder.build() : RowRanges.createSingle(rows);
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
