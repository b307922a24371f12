package io.tarn.catalog.parquet;

import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.page.DataPage;
import org.apache.parquet.column.page.DictionaryPage;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.column.page.PageReader;
import org.apache.parquet.filter2.columnindex.RowRanges;

import java.util.ArrayDeque;
import java.util.List;
import java.util.Optional;
import java.util.PrimitiveIterator;

/** Replays one column chunk's already read pages, so a chunk the vectorized decoder rejects can go to parquet-java. */
final class BufferedPageStore implements PageReadStore, PageReader {
    private final long rowCount;
    private final RowRanges rows;
    private final DictionaryPage dictionary;
    private final ArrayDeque<DataPage> pages;
    private final long valueCount;

    /** A chunk's pages holding {@code rowCount} rows: those of {@code rows}, or all when null (see ColumnDecoder). */
    BufferedPageStore(long rowCount, RowRanges rows, DictionaryPage dictionary, List<DataPage> pages) {
        this.rowCount = rowCount;
        this.rows = rows;
        this.dictionary = dictionary;
        this.pages = new ArrayDeque<>(pages);
        this.valueCount = pages.stream().mapToLong(DataPage::getValueCount).sum();
    }

    @Override
    public PageReader getPageReader(ColumnDescriptor descriptor) {
        return this;
    }

    @Override
    public long getRowCount() {
        return rowCount;
    }

    @Override
    public Optional<PrimitiveIterator.OfLong> getRowIndexes() {
        return rows == null ? Optional.empty() : Optional.of(rows.iterator());
    }

    @Override
    public DictionaryPage readDictionaryPage() {
        return dictionary;
    }

    @Override
    public long getTotalValueCount() {
        return valueCount;
    }

    @Override
    public DataPage readPage() {
        return pages.poll();
    }
}
