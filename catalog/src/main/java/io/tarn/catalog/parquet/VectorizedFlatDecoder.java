package io.tarn.catalog.parquet;

import io.tarn.catalog.type.DataType;
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
 * A top-level primitive column decoded a page at a time by hand: definition levels and values are decoded in bulk
 * (see {@link ValueDecoding}), then stored into the Arrow vector by an {@link ArrowColumnWriter}. parquet-java only
 * reads and decompresses the pages. A column chunk using an encoding not handled here is replayed through the
 * value-at-a-time {@link FlatColumnDecoder}, so such files still read correctly, just slower.
 */
final class VectorizedFlatDecoder implements ColumnDecoder {
    private final PrimitiveType fileType;
    private final DataType target;
    private final String createdBy;
    private final ColumnDescriptor descriptor;
    private final PrimitiveTypeName physical;
    private final boolean optional;
    private final ArrowColumnWriter writer;

    /** The chunk's pages not yet decoded; each is dropped once taken so its bytes can be collected. */
    private final ArrayDeque<DataPage> pages = new ArrayDeque<>();
    private FlatColumnDecoder fallback;
    private long[] longDictionary;
    private BinaryDictionary binaryDictionary;

    /** The current page: levels (null = no nulls), its non-null values, and how far they were consumed. */
    private int[] levels;
    private long[] longs;
    private BinaryValues binaries;
    private int pageRows;
    private int rowInPage;
    private int valueInPage;

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
        longDictionary = null;
        binaryDictionary = null;
        if (dictionary != null) {
            PageBytes bytes = PageBytes.of(dictionary.getBytes());
            int size = dictionary.getDictionarySize();
            if (ValueDecoding.isBinary(physical)) {
                binaryDictionary = new BinaryDictionary(
                        ValueDecoding.binaries(Encoding.PLAIN, fileType.getTypeLength(), bytes.bytes, 0, size));
            } else {
                longDictionary = ValueDecoding.longs(Encoding.PLAIN, physical, bytes.bytes, 0, bytes.length, size);
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
        int row = 0;
        while (row < rows) {
            if (rowInPage == pageRows) {
                DataPage page = pages.poll();
                if (page == null) {
                    throw new IllegalStateException("column " + fileType.getName() + " has fewer values than rows");
                }
                loadPage(page);
            }
            int take = Math.min(rows - row, pageRows - rowInPage);
            valueInPage += writer.binary()
                    ? writer.writeBinaries(vector, row, take, binaries, valueInPage, levels, rowInPage)
                    : writer.writeLongs(vector, row, take, longs, valueInPage, levels, rowInPage);
            rowInPage += take;
            row += take;
        }
    }

    private void loadPage(DataPage page) {
        pageRows = page.getValueCount();
        rowInPage = 0;
        valueInPage = 0;
        levels = null;
        byte[] bytes;
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
            for (int level : levels) {
                nonNull += level;
            }
            if (nonNull == pageRows) {
                levels = null;
            }
        }
        decodeValues(encoding, bytes, offset, end, nonNull);
    }

    /** The page's definition levels, or null when every row has a value (one run of 1s, as most writers store it). */
    private int[] decodeLevels(byte[] bytes, int offset, int end) {
        if (HybridRleDecoder.startsWithRunOf(bytes, offset, end, 1, pageRows)) {
            return null;
        }
        int[] decoded = new int[pageRows];
        new HybridRleDecoder(bytes, offset, end, 1).read(decoded, 0, pageRows);
        return decoded;
    }

    private void decodeValues(Encoding encoding, byte[] bytes, int offset, int end, int count) {
        if (encoding.usesDictionary()) {
            int[] ids = new int[count];
            if (count > 0) {
                new HybridRleDecoder(bytes, offset + 1, end, bytes[offset]).read(ids, 0, count);
            }
            if (binaryDictionary != null) {
                binaries = binaryDictionary.gather(ids, count);
            } else {
                long[] gathered = new long[count];
                long[] dictionary = longDictionary;
                for (int i = 0; i < count; i++) {
                    gathered[i] = dictionary[ids[i]];
                }
                longs = gathered;
            }
        } else if (ValueDecoding.isBinary(physical)) {
            binaries = ValueDecoding.binaries(encoding, fileType.getTypeLength(), bytes, offset, count);
        } else {
            longs = ValueDecoding.longs(encoding, physical, bytes, offset, end, count);
        }
    }
}
