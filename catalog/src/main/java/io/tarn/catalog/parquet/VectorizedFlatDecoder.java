package io.tarn.catalog.parquet;

import io.tarn.catalog.type.DataType;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.page.DataPage;
import org.apache.parquet.column.page.DataPageV1;
import org.apache.parquet.column.page.DataPageV2;
import org.apache.parquet.column.page.DictionaryPage;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.column.page.PageReader;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;

import java.util.ArrayDeque;
import java.util.ArrayList;
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
    public void startRowGroup(PageReadStore rowGroup) {
        PageReader reader = rowGroup.getPageReader(descriptor);
        DictionaryPage dictionary = reader.readDictionaryPage();
        List<DataPage> chunk = new ArrayList<>();
        boolean supported = dictionary == null || dictionary.getEncoding() == Encoding.PLAIN
                || dictionary.getEncoding() == Encoding.PLAIN_DICTIONARY;
        for (DataPage page = reader.readPage(); page != null; page = reader.readPage()) {
            chunk.add(page);
            supported &= supports(page);
        }
        pageRows = 0;
        rowInPage = 0;
        pages.clear();
        if (!supported) {
            fallback = new FlatColumnDecoder(fileType, target, createdBy);
            fallback.startRowGroup(new BufferedPageStore(rowGroup.getRowCount(), dictionary, chunk));
            return;
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
        store(vector, 0, rows);
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
            store(vector, i, run);
            consumed = first + run;
            i += run;
        }
        skipRows(rows - consumed);
    }

    /** Stores the next {@code rows} rows at {@code vector[at..at+rows)}. */
    private void store(FieldVector vector, int at, int rows) {
        int row = at;
        int end = at + rows;
        while (row < end) {
            if (rowInPage == pageRows) {
                nextPage();
            }
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
        }
    }

    /** Passes over the next {@code rows} rows; whole pages are dropped without decoding anything of them. */
    private void skipRows(int rows) {
        while (rows > 0) {
            if (rowInPage == pageRows) {
                DataPage page = pages.peek();
                // a flat column's page holds one value or null per row
                if (page != null && page.getValueCount() <= rows) {
                    pages.poll();
                    rows -= page.getValueCount();
                    continue;
                }
                nextPage();
            }
            int take = Math.min(rows, pageRows - rowInPage);
            int values = valuesAmong(take);
            if (values > 0) {
                skipValues(values);
            }
            valueInPage += values;
            rowInPage += take;
            rows -= take;
        }
    }

    private void nextPage() {
        DataPage page = pages.poll();
        if (page == null) {
            throw new IllegalStateException("column " + fileType.getName() + " has fewer values than rows");
        }
        loadPage(page);
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
