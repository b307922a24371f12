package io.tarn.catalog.parquet;

import io.tarn.catalog.spi.BatchReader;
import io.tarn.catalog.spi.CatalogException;
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
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * Reads selected row groups of one local Parquet file into Arrow batches of the requested columns (vectors as
 * {@link ArrowTypes} prescribes). Each column is decoded by its own {@link ColumnDecoder}. Any failure to read the
 * file is a {@link CatalogException} naming it: 58030 for I/O, 22000 for data that cannot be decoded.
 */
public final class ParquetBatchReader implements BatchReader {
    private final Path file;
    private final List<ReadColumn> columns;
    private final int batchSize;
    private final BufferAllocator allocator;
    private final RowGroupBuffers buffers = new RowGroupBuffers();
    private final ParquetFileReader reader;
    private final ColumnDecoder[] decoders;
    /** Per column, the Arrow field its vectors are created from. */
    private final Field[] fields;
    /** Per column: the earlier column reading the same file field as the same type (decoded once, shared), or -1. */
    private final int[] sameAs;
    private final int[] rowGroups;
    private int nextRowGroup;
    private long rowsLeftInGroup;

    private ParquetBatchReader(Path file, List<ReadColumn> columns, RowGroupSelector selector, int batchSize,
                               BufferAllocator allocator) throws IOException {
        this.file = file;
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
            reader.setRequestedSchema(new MessageType(fileSchema.getName(), requested));
            List<BlockMetaData> blocks = footer.getBlocks();
            List<Integer> selected = new ArrayList<>();
            for (int i = 0; i < blocks.size(); i++) {
                if (blocks.get(i).getRowCount() > 0 && selector.select(i, blocks.get(i))) {
                    selected.add(i);
                }
            }
            this.rowGroups = selected.stream().mapToInt(Integer::intValue).toArray();
        } catch (RuntimeException e) {
            reader.close();
            throw e;
        }
    }

    /** Opens a reader; the caller closes it. */
    public static ParquetBatchReader open(Path file, List<ReadColumn> columns, RowGroupSelector rowGroups, int batchSize,
                                         BufferAllocator allocator) {
        requireNonNull(file, "file is null");
        requireNonNull(columns, "columns is null");
        requireNonNull(rowGroups, "rowGroups is null");
        requireNonNull(allocator, "allocator is null");
        if (batchSize <= 0) {
            throw new IllegalArgumentException("batchSize must be positive: " + batchSize);
        }
        try {
            return new ParquetBatchReader(file, columns, rowGroups, batchSize, allocator);
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

    @Override
    public Batch next() {
        try {
            while (rowsLeftInGroup == 0) {
                if (nextRowGroup >= rowGroups.length) {
                    return null;
                }
                buffers.startRowGroup();
                PageReadStore pages = reader.readRowGroup(rowGroups[nextRowGroup++]);
                for (ColumnDecoder decoder : decoders) {
                    decoder.startRowGroup(pages);
                }
                buffers.previousRowGroupDone();
                rowsLeftInGroup = pages.getRowCount();
            }
            int rows = (int) Math.min(batchSize, rowsLeftInGroup);
            Batch batch = decodeBatch(rows);
            rowsLeftInGroup -= rows;
            return batch;
        } catch (IOException | RuntimeException e) {
            throw failure(file, e);
        }
    }

    private Batch decodeBatch(int rows) {
        List<FieldVector> vectors = new ArrayList<>(decoders.length);
        try {
            for (int c = 0; c < decoders.length; c++) {
                ReadColumn column = columns.get(c);
                if (sameAs[c] >= 0) {
                    TransferPair share = vectors.get(sameAs[c]).getTransferPair(column.name(), allocator);
                    share.splitAndTransfer(0, rows);
                    vectors.add((FieldVector) share.getTo());
                    continue;
                }
                FieldVector vector = fields[c].createVector(allocator);
                vectors.add(vector);
                vector.setInitialCapacity(rows);
                vector.allocateNew();
                decoders[c].decode(vector, rows);
                vector.setValueCount(rows);
            }
            return new Batch(vectors, rows);
        } catch (RuntimeException e) {
            vectors.forEach(FieldVector::close);
            throw e;
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
            reader.close();
        } catch (IOException e) {
            throw failure(file, e);
        }
    }
}
