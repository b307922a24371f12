package io.tarn.catalog.parquet;

import io.tarn.catalog.spi.BatchReader;
import io.tarn.catalog.spi.CatalogException;
import io.tarn.catalog.spi.RowFilter;
import io.tarn.catalog.spi.TarnException;
import io.tarn.catalog.type.ArrowTypes;
import io.tarn.catalog.type.Batch;
import io.tarn.catalog.type.TypeKind;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.util.TransferPair;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.filter2.columnindex.RowRanges;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.ColumnPath;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntPredicate;

import static java.util.Objects.requireNonNull;

/**
 * Reads selected row groups of one local Parquet file into Arrow batches of the requested columns (vectors as
 * {@link ArrowTypes} prescribes). Each column is decoded by its own {@link ColumnDecoder}. With a {@link RowFilter},
 * a batch's filter columns are decoded first and the other columns only for the rows that pass (late
 * materialization); a batch no row of which passes costs just its filter columns. Any failure to read the file is a
 * {@link CatalogException} naming it: 58030 for I/O, 22000 for data that cannot be decoded.
 */
public final class ParquetBatchReader implements BatchReader {
    /**
     * Below this many rows per run of selected rows on average, the columns the filter does not read are decoded
     * whole and the selected rows copied: decoding run by run costs more than it saves there.
     */
    private static final int MIN_MEAN_RUN = 16;

    private final Path file;
    private final List<ReadColumn> columns;
    /** How many of the columns, from the first, batches hold: the others are read only for the filter. */
    private final int outputColumns;
    private final int batchSize;
    private final BufferAllocator allocator;
    private final RowGroupBuffers buffers = RowGroupBuffers.pooled();
    private final ParquetFileReader reader;
    private final ColumnDecoder[] decoders;
    /** Per column, the Arrow field its vectors are created from. */
    private final Field[] fields;
    /** Per column: the earlier column reading the same file field as the same type (decoded once, shared), or -1. */
    private final int[] sameAs;
    private final int[] rowGroups;
    private final RowGroupSelector selector;
    /** The file's columns the reader reads, for page-index pruning, which needs each one's OffsetIndex. */
    private final Set<ColumnPath> readPaths = new HashSet<>();
    /** The scan's condition, or null; with it, per column whether the condition reads it (or a column it shares). */
    private final RowFilter filter;
    private final int[] filterColumns;
    private final boolean[] decodedFirst;
    private int[] selection = new int[0];
    /**
     * When part of the filter reads only one dictionary-encoded column: that column (as decoded), its dictionary in the
     * current row group and which entries pass the part; else null.
     */
    private FieldVector dictionary;
    private int dictionaryColumn;
    private boolean[] dictionaryPasses;
    private int[] ids = new int[0];
    private int[] preselected = new int[0];
    private int[] kept = new int[0];
    private int nextRowGroup;
    private long rowsLeftInGroup;

    private ParquetBatchReader(Path file, List<ReadColumn> columns, int outputColumns, RowGroupSelector selector,
                               int batchSize, RowFilter filter, BufferAllocator allocator) throws IOException {
        this.file = file;
        this.outputColumns = outputColumns;
        this.filter = filter;
        this.columns = List.copyOf(columns);
        this.batchSize = batchSize;
        this.allocator = allocator;
        this.reader = openFile(file, FooterCache.footer(file), buffers);
        try {
            ParquetMetadata footer = reader.getFooter();
            MessageType fileSchema = footer.getFileMetaData().getSchema();
            String createdBy = footer.getFileMetaData().getCreatedBy();
            this.decoders = new ColumnDecoder[columns.size()];
            this.fields = columns.stream().map(column -> ArrowTypes.field(column.name(), column.type())).toArray(Field[]::new);
            this.sameAs = new int[columns.size()];
            List<Type> requested = new ArrayList<>();
            for (int c = 0; c < decoders.length; c++) {
                sameAs[c] = earlierReadOfSameField(c, fileSchema);
                decoders[c] = sameAs[c] >= 0 ? ColumnDecoder.NULLS : decoder(columns.get(c), fileSchema, createdBy, requested);
            }
            MessageType readSchema = new MessageType(fileSchema.getName(), requested);
            reader.setRequestedSchema(readSchema);
            readSchema.getColumns().forEach(column -> readPaths.add(ColumnPath.get(column.getPath())));
            this.selector = selector;
            List<BlockMetaData> blocks = footer.getBlocks();
            List<Integer> selected = new ArrayList<>();
            for (int i = 0; i < blocks.size(); i++) {
                if (blocks.get(i).getRowCount() > 0 && selector.select(i, blocks.get(i))) {
                    selected.add(i);
                }
            }
            this.rowGroups = selected.stream().mapToInt(Integer::intValue).toArray();
            this.filterColumns = filter == null ? new int[0] : filter.columns();
            this.decodedFirst = filter == null ? null : decodedFirst();
            for (int c = outputColumns; c < decoders.length; c++) {
                if (!decodedFirst[c]) {
                    throw new IllegalArgumentException("column " + columns.get(c).name()
                            + " is neither returned nor read by the filter");
                }
            }
        } catch (RuntimeException e) {
            reader.close();
            throw e;
        }
    }

    /** Opens a reader; the caller closes it. */
    public static ParquetBatchReader open(Path file, List<ReadColumn> columns, RowGroupSelector rowGroups, int batchSize,
                                         BufferAllocator allocator) {
        return open(file, columns, rowGroups, batchSize, Optional.empty(), allocator);
    }

    /** Opens a reader that returns only the rows {@code filter} keeps; the caller closes it. */
    public static ParquetBatchReader open(Path file, List<ReadColumn> columns, RowGroupSelector rowGroups, int batchSize,
                                         Optional<RowFilter> filter, BufferAllocator allocator) {
        requireNonNull(columns, "columns is null");
        return open(file, columns, columns.size(), rowGroups, batchSize, filter, allocator);
    }

    /**
     * As above, returning just the first {@code outputColumns} columns: the others are read for the filter only, so
     * they are neither copied for the rows it keeps nor returned.
     */
    public static ParquetBatchReader open(Path file, List<ReadColumn> columns, int outputColumns,
                                         RowGroupSelector rowGroups, int batchSize, Optional<RowFilter> filter,
                                         BufferAllocator allocator) {
        requireNonNull(file, "file is null");
        requireNonNull(filter, "filter is null");
        requireNonNull(columns, "columns is null");
        requireNonNull(rowGroups, "rowGroups is null");
        requireNonNull(allocator, "allocator is null");
        if (batchSize <= 0) {
            throw new IllegalArgumentException("batchSize must be positive: " + batchSize);
        }
        if (outputColumns < 0 || outputColumns > columns.size() || outputColumns < columns.size() && filter.isEmpty()) {
            throw new IllegalArgumentException("outputColumns " + outputColumns + " of " + columns.size()
                    + (filter.isEmpty() ? " without a filter" : ""));
        }
        try {
            return new ParquetBatchReader(file, columns, outputColumns, rowGroups, batchSize, filter.orElse(null), allocator);
        } catch (IOException | RuntimeException e) {
            throw failure(file, e);
        }
    }

    /** Opens {@code file} with parquet-java, local I/O only (no Hadoop FileSystem), pages decompressed by Tarn. */
    static ParquetFileReader openFile(Path file) throws IOException {
        return openFile(file, new RowGroupBuffers());
    }

    /** As {@link #openFile(Path)}, chunks and pages in {@code buffers}. */
    static ParquetFileReader openFile(Path file, RowGroupBuffers buffers) throws IOException {
        return ParquetFileReader.open(new ChannelInputFile(file), readOptions(buffers));
    }

    /** As {@link #openFile(Path)}, with the file's footer already read, chunks and pages in {@code buffers}. */
    private static ParquetFileReader openFile(Path file, ParquetMetadata footer, RowGroupBuffers buffers)
            throws IOException {
        ChannelInputFile input = new ChannelInputFile(file);
        return ParquetFileReader.open(input, footer, readOptions(buffers), input.newStream());
    }

    private static ParquetReadOptions readOptions(RowGroupBuffers buffers) {
        PlainParquetConfiguration configuration = new PlainParquetConfiguration();
        return ParquetReadOptions.builder(configuration).withAllocator(buffers)
                .withCodecFactory(new PageDecompression(configuration, buffers)).build();
    }

    /** Reads only the footer of {@code file}. */
    public static ParquetMetadata readFooter(Path file) {
        requireNonNull(file, "file is null");
        try (ParquetFileReader reader = openFile(file)) {
            return reader.getFooter();
        } catch (IOException | RuntimeException e) {
            throw failure(file, e);
        }
    }

    /** A file column's pages can be consumed only once per row group, so a column projected twice is decoded once. */
    private int earlierReadOfSameField(int column, MessageType fileSchema) {
        ReadColumn read = columns.get(column);
        if (read.constant()) {
            return -1;
        }
        Type field = ParquetProjection.fileField(fileSchema, read);
        for (int earlier = 0; earlier < column; earlier++) {
            ReadColumn other = columns.get(earlier);
            if (field != null && !other.constant() && field == ParquetProjection.fileField(fileSchema, other)) {
                if (!other.type().equals(read.type())) {
                    throw new CatalogException(ParquetTypes.NOT_SUPPORTED, "Parquet column " + field.getName()
                            + " cannot be read as both " + other.type() + " and " + read.type() + " in one scan");
                }
                return earlier;
            }
        }
        return -1;
    }

    private static ColumnDecoder decoder(ReadColumn column, MessageType fileSchema, String createdBy, List<Type> requested) {
        if (column.constant()) {
            return new ConstantColumnDecoder(column.value());
        }
        Type field = ParquetProjection.fileField(fileSchema, column);
        if (field == null || column.type().kind() == TypeKind.NULL) {
            return ColumnDecoder.NULLS;
        }
        Type pruned = ParquetProjection.prune(field, column.type());
        if (pruned == null) {
            return ColumnDecoder.NULLS;
        }
        if (!requested.contains(pruned)) {
            requested.add(pruned);
        }
        if (pruned.isPrimitive()) {
            if (pruned.isRepetition(Type.Repetition.REPEATED)) {
                throw new CatalogException(ParquetTypes.NOT_SUPPORTED, "repeated Parquet column " + pruned.getName()
                        + " outside a LIST is not supported");
            }
            return VectorizedFlatDecoder.create(pruned.asPrimitiveType(), column.type(), createdBy);
        }
        return new NestedColumnDecoder(pruned, column.type(), fileSchema, createdBy);
    }

    /** Per column, whether it is decoded before the filter runs: the filter reads it or its {@link #sameAs}. */
    private boolean[] decodedFirst() {
        boolean[] first = new boolean[decoders.length];
        for (int column : filterColumns) {
            if (column < 0 || column >= decoders.length) {
                throw new IllegalArgumentException("filter column " + column + " is not among the " + decoders.length + " read");
            }
            first[sameAs[column] >= 0 ? sameAs[column] : column] = true;
        }
        for (int c = 0; c < first.length; c++) {
            first[c] |= sameAs[c] >= 0 && first[sameAs[c]];
        }
        return first;
    }

    @Override
    public Batch next() {
        try {
            while (true) {
                while (rowsLeftInGroup == 0) {
                    if (nextRowGroup >= rowGroups.length) {
                        return null;
                    }
                    startRowGroup(rowGroups[nextRowGroup++]);
                }
                int rows = (int) Math.min(batchSize, rowsLeftInGroup);
                Batch batch = filter == null ? decodeBatch(rows) : decodeFiltered(rows);
                rowsLeftInGroup -= rows;
                if (batch != null) {
                    return batch;
                }
            }
        } catch (IOException | RuntimeException e) {
            throw failure(file, e);
        }
    }

    /**
     * Starts reading a row group, only the pages holding the rows its page indexes do not rule out when that is fewer
     * than all; a row group none of whose rows is needed is passed over.
     */
    private void startRowGroup(int index) throws IOException {
        BlockMetaData block = reader.getRowGroups().get(index);
        RowRanges rows = hasOffsetIndexes(block) ? selector.rows(block, reader) : null;
        if (rows != null && rows.rowCount() == block.getRowCount()) {
            rows = null;
        }
        if (rows != null && rows.rowCount() == 0) {
            return;
        }
        buffers.startRowGroup();
        PageReadStore pages = rows == null ? reader.readRowGroup(index) : reader.readFilteredRowGroup(index, rows);
        for (ColumnDecoder decoder : decoders) {
            decoder.startRowGroup(pages, rows);
        }
        evaluateOnDictionary();
        buffers.previousRowGroupDone();
        rowsLeftInGroup = pages.getRowCount();
    }

    /** Whether every column read has an OffsetIndex in the row group: parquet-java reads some pages only then. */
    private boolean hasOffsetIndexes(BlockMetaData block) {
        int found = 0;
        for (ColumnChunkMetaData chunk : block.getColumns()) {
            if (readPaths.contains(chunk.getPath())) {
                if (chunk.getOffsetIndexReference() == null) {
                    return false;
                }
                found++;
            }
        }
        return found == readPaths.size();
    }

    private Batch decodeBatch(int rows) {
        FieldVector[] vectors = new FieldVector[decoders.length];
        try {
            for (int c = 0; c < decoders.length; c++) {
                if (sameAs[c] < 0) {
                    vectors[c] = decodeColumn(c, rows);
                }
            }
            return assemble(vectors, rows);
        } catch (RuntimeException e) {
            closeAll(vectors);
            throw e;
        }
    }

    /** The next {@code rows} rows that pass the filter, or null when none does. */
    private Batch decodeFiltered(int rows) {
        FieldVector[] vectors = new FieldVector[decoders.length];
        try {
            if (selection.length < rows) {
                selection = new int[rows];
            }
            int count = dictionaryPasses != null ? selectByDictionary(vectors, rows) : selectByValues(vectors, rows);
            decodeChosen(vectors, c -> !decodedFirst[c], rows, selection, count);
            if (count == 0) {
                closeAll(vectors);
                return null;
            }
            return assemble(vectors, count);
        } catch (RuntimeException e) {
            closeAll(vectors);
            throw e;
        }
    }

    /** Decodes the filter's columns, keeps the rows it selects in {@link #selection} and returns how many. */
    private int selectByValues(FieldVector[] vectors, int rows) {
        for (int c = 0; c < decoders.length; c++) {
            if (decodedFirst[c] && sameAs[c] < 0) {
                vectors[c] = decodeColumn(c, rows);
            }
        }
        return applyFilter(vectors, rows, selection);
    }

    /**
     * As {@link #selectByValues} when part of the filter reads only a dictionary-encoded column: only that column's
     * ids are decoded, and a row goes on when its id passes that part. A filter on that column alone is then done; else
     * its other columns are decoded just for those rows, and the whole filter runs on them. The column's values are
     * gathered from the dictionary only for the rows that need them.
     */
    private int selectByDictionary(FieldVector[] vectors, int rows) {
        if (ids.length < rows) {
            ids = new int[rows];
            preselected = new int[rows];
            kept = new int[rows];
        }
        decoders[dictionaryColumn].decodeIds(ids, rows);
        boolean wholeFilter = filterColumns.length == 1;
        int[] passing = wholeFilter ? selection : preselected;
        int count = 0;
        for (int row = 0; row < rows; row++) {
            if (dictionaryPasses[ids[row]]) {
                passing[count++] = row;
            }
        }
        if (wholeFilter) {
            if (dictionaryColumn < outputColumns) {
                vectors[dictionaryColumn] = valuesByIds(passing, count);
            }
            return count;
        }
        vectors[dictionaryColumn] = valuesByIds(preselected, count);
        decodeChosen(vectors, c -> decodedFirst[c] && c != dictionaryColumn, rows, preselected, count);
        if (count == 0) {
            return 0;
        }
        int keptCount = applyFilter(vectors, count, kept);
        for (int i = 0; i < keptCount; i++) {
            selection[i] = preselected[kept[i]];
        }
        return keptCount;
    }

    /**
     * Runs the filter on its decoded columns ({@code rows} rows each) with the rows passing into {@code passing}; then
     * drops the columns read for it only and copies the passing rows of the others. Returns how many pass.
     */
    private int applyFilter(FieldVector[] vectors, int rows, int[] passing) {
        List<FieldVector> filterInput = new ArrayList<>(filterColumns.length);
        for (int column : filterColumns) {
            filterInput.add(vectors[sameAs[column] >= 0 ? sameAs[column] : column]);
        }
        int count = filter.select(new Batch(filterInput, rows), passing);
        dropFilterOnlyColumns(vectors);
        if (count > 0 && count < rows) {
            compact(vectors, decodedColumns(vectors), rows, passing, count);
        }
        return count;
    }

    /**
     * Decodes the columns {@code which} picks (first reads only) for the rows {@code chosen[0..count)} of the next
     * {@code rows}: run by run, or whole and then copied when the choice is scattered.
     */
    private void decodeChosen(FieldVector[] vectors, IntPredicate which, int rows, int[] chosen, int count) {
        boolean scattered = scattered(chosen, count, rows);
        List<Integer> decodedWhole = new ArrayList<>();
        for (int c = 0; c < decoders.length; c++) {
            if (sameAs[c] < 0 && which.test(c)) {
                vectors[c] = decodeSome(c, rows, chosen, count, scattered);
                if (scattered) {
                    decodedWhole.add(c);
                }
            }
        }
        if (!decodedWhole.isEmpty()) {
            compact(vectors, decodedWhole, rows, chosen, count);
        }
    }

    /** The filter's dictionary column's values of the rows at {@code rows[0..count)}, from their ids. */
    private FieldVector valuesByIds(int[] rows, int count) {
        if (count == 0) {
            FieldVector empty = newVector(dictionaryColumn, 0);
            empty.setValueCount(0);
            return empty;
        }
        int[] rowIds = new int[count];
        for (int i = 0; i < count; i++) {
            rowIds[i] = ids[rows[i]];
        }
        return filter.copyRows(new Batch(List.of(dictionary), dictionary.getValueCount()), rowIds, count).column(0);
    }

    /**
     * When part of the filter reads only one column and the row group offers that column's dictionary: the
     * dictionary, and which of its entries pass that part (evaluated once here, instead of once per row). A part that
     * fails on the dictionary (on a value the rows read may not even hold) is left to the rows.
     */
    private void evaluateOnDictionary() {
        closeDictionary();
        if (filter == null) {
            return;
        }
        for (int column : filterColumns) {
            int decoded = sameAs[column] >= 0 ? sameAs[column] : column;
            Optional<RowFilter> part = filterColumns.length == 1 ? Optional.of(filter) : filter.conjunctsOn(column);
            if (part.isEmpty()) {
                continue;
            }
            FieldVector values = decoders[decoded].dictionary(fields[decoded], allocator);
            if (values == null) {
                continue;
            }
            int entries = values.getValueCount();
            int[] passing = new int[entries];
            int count;
            try {
                count = part.get().select(new Batch(List.of(values), entries), passing);
            } catch (RuntimeException e) {
                values.close();
                continue;
            }
            dictionary = values;
            dictionaryColumn = decoded;
            dictionaryPasses = new boolean[entries];
            for (int i = 0; i < count; i++) {
                dictionaryPasses[passing[i]] = true;
            }
            return;
        }
    }

    private void closeDictionary() {
        if (dictionary != null) {
            dictionary.close();
            dictionary = null;
        }
        dictionaryPasses = null;
    }

    /** Closes the vectors of the columns read for the filter only, once it ran. */
    private void dropFilterOnlyColumns(FieldVector[] vectors) {
        for (int c = outputColumns; c < vectors.length; c++) {
            if (vectors[c] != null) {
                vectors[c].close();
                vectors[c] = null;
            }
        }
    }

    /** The columns with a vector so far. */
    private static List<Integer> decodedColumns(FieldVector[] vectors) {
        List<Integer> decoded = new ArrayList<>();
        for (int c = 0; c < vectors.length; c++) {
            if (vectors[c] != null) {
                decoded.add(c);
            }
        }
        return decoded;
    }

    /** Replaces the vectors of {@code columns}, of {@code rows} rows each, by copies of the rows {@code chosen[0..count)}. */
    private void compact(FieldVector[] vectors, List<Integer> columns, int rows, int[] chosen, int count) {
        List<FieldVector> before = new ArrayList<>();
        for (int c : columns) {
            before.add(vectors[c]);
        }
        Batch selected = filter.copyRows(new Batch(before, rows), chosen, count);
        for (int i = 0; i < columns.size(); i++) {
            int c = columns.get(i);
            vectors[c].close();
            vectors[c] = selected.column(i);
        }
    }

    /**
     * Whether {@code chosen[0..count)} of {@code rows} rows is scattered: runs under {@link #MIN_MEAN_RUN} rows on
     * average, so that decoding whole and copying beats decoding run by run.
     */
    private static boolean scattered(int[] chosen, int count, int rows) {
        if (count == 0 || count == rows) {
            return false;
        }
        int runs = 1;
        for (int i = 1; i < count; i++) {
            if (chosen[i] != chosen[i - 1] + 1) {
                runs++;
            }
        }
        return runs > rows / MIN_MEAN_RUN;
    }

    /** Column {@code column}'s values of the rows {@code chosen[0..count)} of the next {@code rows}, or all when scattered. */
    private FieldVector decodeSome(int column, int rows, int[] chosen, int count, boolean scattered) {
        if (count == rows || scattered) {
            return decodeColumn(column, rows);
        }
        FieldVector vector = newVector(column, count);
        try {
            decoders[column].decodeSelected(vector, rows, chosen, count);
            vector.setValueCount(count);
            return vector;
        } catch (RuntimeException e) {
            vector.close();
            throw e;
        }
    }

    private FieldVector decodeColumn(int column, int rows) {
        FieldVector vector = newVector(column, rows);
        try {
            decoders[column].decode(vector, rows);
            vector.setValueCount(rows);
            return vector;
        } catch (RuntimeException e) {
            vector.close();
            throw e;
        }
    }

    private FieldVector newVector(int column, int rows) {
        FieldVector vector = fields[column].createVector(allocator);
        vector.setInitialCapacity(rows);
        vector.allocateNew();
        return vector;
    }

    /** The batch of the decoded output columns, a column read twice sharing its first read's buffers. */
    private Batch assemble(FieldVector[] vectors, int rows) {
        for (int c = 0; c < outputColumns; c++) {
            if (sameAs[c] >= 0) {
                TransferPair share = vectors[sameAs[c]].getTransferPair(columns.get(c).name(), allocator);
                share.splitAndTransfer(0, rows);
                vectors[c] = (FieldVector) share.getTo();
            }
        }
        return new Batch(Arrays.asList(vectors).subList(0, outputColumns), rows);
    }

    private static void closeAll(FieldVector[] vectors) {
        for (FieldVector vector : vectors) {
            if (vector != null) {
                vector.close();
            }
        }
    }

    private static CatalogException failure(Path file, Exception e) {
        if (e instanceof CatalogException catalog && catalog.getMessage().contains(file.toString())) {
            return catalog;
        }
        if (e instanceof TarnException tarn) {
            return new CatalogException(tarn.sqlState(), "Parquet file " + file + ": " + tarn.getMessage(), e);
        }
        String state = e instanceof IOException || e instanceof java.io.UncheckedIOException
                ? CatalogException.IO_ERROR : CatalogException.DATA_EXCEPTION;
        return new CatalogException(state, "cannot read Parquet file " + file + ": " + e, e);
    }

    @Override
    public void close() {
        try {
            closeDictionary();
            reader.close();
            buffers.release();
        } catch (IOException e) {
            throw failure(file, e);
        }
    }
}
