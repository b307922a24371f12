package io.tarn.catalog.parquet;

import io.tarn.catalog.type.DataType;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.page.DataPage;
import org.apache.parquet.column.page.DataPageV1;
import org.apache.parquet.column.page.DataPageV2;
import org.apache.parquet.column.page.DictionaryPage;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.column.page.PageReader;
import org.apache.parquet.filter2.columnindex.RowRanges;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A top-level primitive column decoded a page at a time by hand: definition levels and dictionary ids are decoded in
 * bulk, and values go straight into the Arrow vector's buffers by an {@link ArrowColumnWriter} (or
 * {@link ArrowBytesWriter}): dictionary values gathered by id, PLAIN values copied from the page. Encodings and
 * conversions those do not read directly are decoded a page at a time by {@link ValueDecoding} first. parquet-java
 * only reads the pages ({@link PageDecompression} decompresses them). A column chunk using an encoding not handled
 * here is replayed through the value-at-a-time {@link FlatColumnDecoder}, so such files still read correctly, just
 * slower.
 */
final class VectorizedFlatDecoder implements ColumnDecoder {
    /** Where the current page's values come from. */
    private enum Source { DICTIONARY, PLAIN, DECODED }

    private final PrimitiveType fileType;
    private final DataType target;
    private final String createdBy;
    private final ColumnDescriptor descriptor;
    private final PrimitiveTypeName physical;
    private final boolean optional;
    private final ArrowColumnWriter writer;

    /** The chunk's pages not yet decoded; each is dropped once taken. */
    private final ArrayDeque<DataPage> pages = new ArrayDeque<>();
    private FlatColumnDecoder fallback;
    /** The chunk's dictionary: Arrow words (see {@link ArrowColumnWriter#dictionary}) or, for byte targets, bytes. */
    private long[] dictionaryWords;
    private BinaryDictionary dictionaryBytes;
    /** Whether every page of the chunk stores dictionary ids, so that a row's id stands for its value. */
    private boolean allDictionaryIds;

    /**
     * The rows of the row group that are read, as inclusive ranges (one when all are), the range being read, and the
     * row group's row the next row of the pages is: pages outside the ranges may be missing, so this jumps over them.
     */
    private long[] rangeFirst;
    private long[] rangeLast;
    private int range;
    private long position;

    /** The current page: its rows, how far they were consumed, and its non-null values consumed so far. */
    private int pageRows;
    private int rowInPage;
    private int valueInPage;
    /** Per row 1 (value) or 0 (null), or null when the page has no nulls; {@link #levelScratch} when not null. */
    private int[] levels;
    private Source source;
    private byte[] bytes;
    /** PLAIN: where the next value starts in {@link #bytes}. */
    private int plainOffset;
    private HybridRleDecoder ids;
    /** DECODED: the page's values as bytes, or else in {@link #decodedLongs}. */
    private BinaryValues decodedBytes;

    /** Arrays reused from page to page and batch to batch, grown as needed. */
    private int[] levelScratch = new int[0];
    private int[] idScratch = new int[0];
    private long[] decodedLongs = new long[0];

    private VectorizedFlatDecoder(PrimitiveType fileType, DataType target, String createdBy, ArrowColumnWriter writer) {
        this.fileType = fileType;
        this.target = target;
        this.createdBy = createdBy;
        this.descriptor = new MessageType("column", fileType).getColumns().get(0);
        this.physical = fileType.getPrimitiveTypeName();
        this.optional = descriptor.getMaxDefinitionLevel() > 0;
        this.writer = writer;
    }

    /** The vectorized decoder when the type conversion is supported, else the value-at-a-time one. */
    static ColumnDecoder create(PrimitiveType fileType, DataType target, String createdBy) {
        ArrowColumnWriter writer = ArrowColumnWriter.create(fileType, target);
        if (writer == null) {
            return new FlatColumnDecoder(fileType, target, createdBy);
        }
        return new VectorizedFlatDecoder(fileType, target, createdBy, writer);
    }

    @Override
    public void startRowGroup(PageReadStore rowGroup, RowRanges rows) {
        PageReader reader = rowGroup.getPageReader(descriptor);
        DictionaryPage dictionary = reader.readDictionaryPage();
        List<DataPage> chunk = new ArrayList<>();
        boolean supported = dictionary == null || dictionary.getEncoding() == Encoding.PLAIN
                || dictionary.getEncoding() == Encoding.PLAIN_DICTIONARY;
        boolean dictionaryOnly = dictionary != null;
        for (DataPage page = reader.readPage(); page != null; page = reader.readPage()) {
            chunk.add(page);
            supported &= supports(page);
            dictionaryOnly &= valueEncoding(page).usesDictionary();
        }
        allDictionaryIds = dictionaryOnly;
        pageRows = 0;
        rowInPage = 0;
        pages.clear();
        if (!supported) {
            fallback = new FlatColumnDecoder(fileType, target, createdBy);
            fallback.startRowGroup(new BufferedPageStore(rowGroup.getRowCount(), rows, dictionary, chunk), rows);
            return;
        }
        position = 0;
        range = 0;
        if (rows == null) {
            rangeFirst = new long[] {0};
            rangeLast = new long[] {rowGroup.getRowCount() - 1};
        } else {
            List<RowRanges.Range> ranges = rows.getRanges();
            rangeFirst = ranges.stream().mapToLong(r -> r.from).toArray();
            rangeLast = ranges.stream().mapToLong(r -> r.to).toArray();
        }
        fallback = null;
        pages.addAll(chunk);
        dictionaryWords = null;
        dictionaryBytes = null;
        if (dictionary != null) {
            PageBytes page = PageBytes.of(dictionary.getBytes());
            int size = dictionary.getDictionarySize();
            if (writer.binarySource()) {
                BinaryValues values = ValueDecoding.binaries(Encoding.PLAIN, fileType.getTypeLength(), page.bytes, 0, size);
                if (writer.binary()) {
                    dictionaryBytes = new BinaryDictionary(values);
                } else {
                    dictionaryWords = writer.dictionary(values);
                }
            } else {
                long[] values = new long[size];
                ValueDecoding.longs(Encoding.PLAIN, physical, page.bytes, 0, page.length, values, size);
                dictionaryWords = writer.dictionary(values, size);
            }
        }
    }

    private static Encoding valueEncoding(DataPage page) {
        return page instanceof DataPageV1 v1 ? v1.getValueEncoding() : ((DataPageV2) page).getDataEncoding();
    }

    private boolean supports(DataPage page) {
        if (page instanceof DataPageV1 v1) {
            return (!optional || v1.getDlEncoding() == Encoding.RLE) && supportsValues(v1.getValueEncoding());
        }
        return page instanceof DataPageV2 v2 && supportsValues(v2.getDataEncoding());
    }

    private boolean supportsValues(Encoding encoding) {
        return encoding.usesDictionary() || ValueDecoding.supports(encoding, physical);
    }

    /** Whether the current row group's chunk went to parquet-java because of an encoding not handled here. */
    boolean replaying() {
        return fallback != null;
    }

    @Override
    public void decode(FieldVector vector, int rows) {
        if (fallback != null) {
            fallback.decode(vector, rows);
            return;
        }
        storeRows(vector, 0, rows);
    }

    @Override
    public void decodeSelected(FieldVector vector, int rows, int[] selection, int count) {
        if (fallback != null) {
            fallback.decodeSelected(vector, rows, selection, count);
            return;
        }
        int consumed = 0;
        for (int i = 0; i < count; ) {
            int first = selection[i];
            int run = 1;
            while (i + run < count && selection[i + run] == first + run) {
                run++;
            }
            skipRows(first - consumed);
            storeRows(vector, i, run);
            consumed = first + run;
            i += run;
        }
        skipRows(rows - consumed);
    }

    /** Stores the next {@code rows} rows read (within the ranges) at {@code vector[at..at+rows)}. */
    private void storeRows(FieldVector vector, int at, int rows) {
        while (rows > 0) {
            int take = (int) Math.min(rows, rowsLeftInRange());
            store(vector, at, take);
            at += take;
            rows -= take;
        }
    }

    @Override
    public FieldVector dictionary(Field field, BufferAllocator allocator) {
        if (fallback != null || !allDictionaryIds || !writer.binary()) {
            return null;
        }
        int size = dictionaryBytes.lengths.length;
        BaseVariableWidthVector vector = (BaseVariableWidthVector) field.createVector(allocator);
        try {
            vector.setInitialCapacity(size + 1);
            vector.allocateNew();
            int[] all = new int[size];
            Arrays.setAll(all, id -> id);
            ArrowBytesWriter.gather(vector, 0, size, dictionaryBytes, all);
            ArrowColumnWriter.markValid(vector.getValidityBuffer(), 0, size, null, 0);
            vector.setValueCount(size + 1); // the last entry, null, stands for the rows without a value
            return vector;
        } catch (RuntimeException e) {
            vector.close();
            throw e;
        }
    }

    @Override
    public void decodeIds(int[] out, int rows) {
        int at = 0;
        while (rows > 0) {
            int take = (int) Math.min(rows, rowsLeftInRange());
            storeIds(out, at, take);
            at += take;
            rows -= take;
        }
    }

    /** Stores the pages' next {@code rows} rows' dictionary ids at {@code out[at..at+rows)}, the dictionary size for nulls. */
    private void storeIds(int[] out, int at, int rows) {
        int nullId = dictionaryBytes.lengths.length;
        int end = at + rows;
        while (at < end) {
            ensurePage();
            int take = Math.min(end - at, pageRows - rowInPage);
            int values = valuesAmong(take);
            if (levels == null) {
                ids.read(out, at, take);
            } else if (values == 0) {
                Arrays.fill(out, at, at + take, nullId); // an all-null page has no ids
            } else {
                int[] valueIds = nextIds(values);
                for (int i = 0, value = 0; i < take; i++) {
                    out[at + i] = levels[rowInPage + i] == 0 ? nullId : valueIds[value++];
                }
            }
            valueInPage += values;
            rowInPage += take;
            at += take;
            position += take;
        }
    }

    /** Passes over the next {@code rows} rows read (within the ranges). */
    private void skipRows(int rows) {
        while (rows > 0) {
            int take = (int) Math.min(rows, rowsLeftInRange());
            skipPageRows(take);
            rows -= take;
        }
    }

    /** Moves into the range holding the next row read (past the rows between ranges) and tells its rows left. */
    private long rowsLeftInRange() {
        while (position > rangeLast[range]) {
            range++;
            if (range == rangeLast.length) {
                throw new IllegalStateException("column " + fileType.getName() + " read past its row group's rows");
            }
        }
        if (position < rangeFirst[range]) {
            skipPageRows(rangeFirst[range] - position);
        }
        return rangeLast[range] + 1 - position;
    }

    /** Stores the pages' next {@code rows} rows at {@code vector[at..at+rows)}. */
    private void store(FieldVector vector, int at, int rows) {
        int row = at;
        int end = at + rows;
        while (row < end) {
            ensurePage();
            int take = Math.min(end - row, pageRows - rowInPage);
            int values = valuesAmong(take);
            if (writer.binary()) {
                BaseVariableWidthVector bytesVector = (BaseVariableWidthVector) vector;
                if (values > 0) {
                    storeBytes(bytesVector, row, values);
                }
                if (values < take) {
                    ArrowBytesWriter.spread(bytesVector, row, take, values, levels, rowInPage);
                }
            } else {
                if (values > 0) {
                    storeFixed(vector.getDataBuffer(), row, values);
                }
                if (values < take) {
                    writer.spread(vector.getDataBuffer(), row, take, values, levels, rowInPage);
                }
            }
            ArrowColumnWriter.markValid(vector.getValidityBuffer(), row, take, levels, rowInPage);
            valueInPage += values;
            rowInPage += take;
            row += take;
            position += take;
        }
    }

    /**
     * Passes over the pages' next {@code rows} rows, jumping over rows whose pages were not read; whole pages are
     * dropped without decoding anything of them.
     */
    private void skipPageRows(long rows) {
        long target = position + rows;
        while (position < target) {
            if (rowInPage == pageRows) {
                DataPage page = nextPage();
                // a flat column's page holds one value or null per row
                long first = page.getFirstRowIndex().orElse(position);
                if (first + page.getValueCount() <= target) {
                    position = first + page.getValueCount();
                    continue;
                }
                if (first > target) {
                    throw new IllegalStateException("column " + fileType.getName() + " lacks the page of row " + target);
                }
                loadPage(page);
                position = first;
            }
            int take = (int) Math.min(target - position, pageRows - rowInPage);
            int values = valuesAmong(take);
            if (values > 0) {
                skipValues(values);
            }
            valueInPage += values;
            rowInPage += take;
            position += take;
        }
    }

    /** Loads the page of the next row when the current one is used up; rows within ranges have their pages read. */
    private void ensurePage() {
        if (rowInPage == pageRows) {
            DataPage page = nextPage();
            if (page.getFirstRowIndex().orElse(position) != position) {
                throw new IllegalStateException("column " + fileType.getName() + " lacks the page of row " + position);
            }
            loadPage(page);
        }
    }

    private DataPage nextPage() {
        DataPage page = pages.poll();
        if (page == null) {
            throw new IllegalStateException("column " + fileType.getName() + " has fewer values than rows");
        }
        return page;
    }

    /** How many of the current page's next {@code rows} rows have a value. */
    private int valuesAmong(int rows) {
        if (levels == null) {
            return rows;
        }
        int values = 0;
        for (int i = 0; i < rows; i++) {
            values += levels[rowInPage + i];
        }
        return values;
    }

    private void skipValues(int count) {
        switch (source) {
            case DICTIONARY -> ids.skip(count);
            case PLAIN -> plainOffset = skipPlain(count);
            case DECODED -> {
                // decoded values are addressed by valueInPage
            }
        }
    }

    /** The offset in {@link #bytes} after the next {@code count} PLAIN values. */
    private int skipPlain(int count) {
        int width = switch (physical) {
            case INT32, FLOAT -> 4;
            case INT64, DOUBLE -> 8;
            case FIXED_LEN_BYTE_ARRAY -> fileType.getTypeLength();
            default -> 0;
        };
        if (width > 0) {
            return plainOffset + count * width;
        }
        if (physical != PrimitiveTypeName.BINARY) {
            throw new IllegalStateException("PLAIN " + physical + " values are not read in place");
        }
        int at = plainOffset;
        for (int i = 0; i < count; i++) {
            int length = PageBytes.getInt(bytes, at);
            if (length < 0 || at + 4L + length > bytes.length) {
                throw new IllegalStateException("byte array length " + length + " runs past the page");
            }
            at += 4 + length;
        }
        return at;
    }

    /** Stores the page's next {@code count} values densely from {@code row}. */
    private void storeFixed(ArrowBuf data, int row, int count) {
        switch (source) {
            case DICTIONARY -> writer.gather(data, row, count, dictionaryWords, nextIds(count));
            case PLAIN -> plainOffset = writer.copyPlain(data, row, count, bytes, plainOffset);
            case DECODED -> {
                if (decodedBytes != null) {
                    writer.storeDecimals(data, row, count, decodedBytes, valueInPage);
                } else {
                    writer.store(data, row, count, decodedLongs, valueInPage);
                }
            }
        }
    }

    private void storeBytes(BaseVariableWidthVector vector, int row, int count) {
        switch (source) {
            case DICTIONARY -> ArrowBytesWriter.gather(vector, row, count, dictionaryBytes, nextIds(count));
            case PLAIN -> plainOffset = ArrowBytesWriter.copyPlain(vector, row, count, bytes, plainOffset,
                    fileType.getTypeLength());
            case DECODED -> ArrowBytesWriter.store(vector, row, count, decodedBytes, valueInPage);
        }
    }

    private int[] nextIds(int count) {
        if (idScratch.length < count) {
            idScratch = new int[Math.max(count, 2 * idScratch.length)];
        }
        ids.read(idScratch, 0, count);
        return idScratch;
    }

    private void loadPage(DataPage page) {
        pageRows = page.getValueCount();
        rowInPage = 0;
        valueInPage = 0;
        levels = null;
        int offset;
        int end;
        Encoding encoding;
        if (page instanceof DataPageV1 v1) {
            PageBytes data = PageBytes.of(v1.getBytes());
            bytes = data.bytes;
            offset = 0;
            end = data.length;
            if (optional) {
                int length = PageBytes.getInt(bytes, 0);
                levels = decodeLevels(bytes, 4, 4 + length);
                offset = 4 + length;
            }
            encoding = v1.getValueEncoding();
        } else {
            DataPageV2 v2 = (DataPageV2) page;
            if (optional) {
                PageBytes definition = PageBytes.of(v2.getDefinitionLevels());
                levels = decodeLevels(definition.bytes, 0, definition.length);
            }
            PageBytes data = PageBytes.of(v2.getData());
            bytes = data.bytes;
            offset = 0;
            end = data.length;
            encoding = v2.getDataEncoding();
        }
        int nonNull = pageRows;
        if (levels != null) {
            nonNull = 0;
            for (int i = 0; i < pageRows; i++) {
                nonNull += levels[i];
            }
            if (nonNull == pageRows) {
                levels = null;
            }
        }
        startValues(encoding, offset, end, nonNull);
    }

    /** The page's definition levels, or null when every row has a value (one run of 1s, as most writers store it). */
    private int[] decodeLevels(byte[] data, int offset, int end) {
        if (HybridRleDecoder.startsWithRunOf(data, offset, end, 1, pageRows)) {
            return null;
        }
        if (levelScratch.length < pageRows) {
            levelScratch = new int[Math.max(pageRows, 2 * levelScratch.length)];
        }
        new HybridRleDecoder(data, offset, end, 1).read(levelScratch, 0, pageRows);
        return levelScratch;
    }

    private void startValues(Encoding encoding, int offset, int end, int count) {
        decodedBytes = null;
        if (encoding.usesDictionary()) {
            source = Source.DICTIONARY;
            // ids follow their bit width byte; an all-null page has neither
            ids = count > 0 ? new HybridRleDecoder(bytes, offset + 1, end, bytes[offset]) : null;
        } else if (encoding == Encoding.PLAIN && (writer.binary() || writer.copiesPlain())) {
            source = Source.PLAIN;
            plainOffset = offset;
        } else {
            source = Source.DECODED;
            if (writer.binarySource()) {
                decodedBytes = ValueDecoding.binaries(encoding, fileType.getTypeLength(), bytes, offset, count);
            } else {
                if (decodedLongs.length < count) {
                    decodedLongs = new long[Math.max(count, 2 * decodedLongs.length)];
                }
                ValueDecoding.longs(encoding, physical, bytes, offset, end, decodedLongs, count);
            }
        }
    }
}
