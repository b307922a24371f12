package io.tarn.catalog.parquet;

import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.util.TransferPair;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.filter2.columnindex.RowRanges;

/**
 * Decodes one output column of a Parquet scan, a batch at a time. This is the seam where a hand-written vectorized
 * page decoder replaces the value-at-a-time parquet-java path.
 */
interface ColumnDecoder {

    /**
     * Positions the decoder at the start of a new row group. {@code rows} are the rows of it that are read, ascending,
     * when page-index pruning chose some (parquet-java then returns only the pages holding them, and the store's
     * {@link PageReadStore#getRowIndexes} lists them); null when every row is read. Decoding then yields just those
     * rows, one after another.
     */
    void startRowGroup(PageReadStore rowGroup, RowRanges rows);

    /**
     * Stores the next {@code rows} values at indexes 0..rows-1 of {@code target}, a freshly allocated vector whose
     * slots are all null; the caller sets the value count.
     */
    void decode(FieldVector target, int rows);

    /**
     * Consumes the next {@code rows} rows but stores only those at {@code selection[0..count)} (ascending offsets
     * into the rows), at indexes 0..count-1 of {@code target} as {@link #decode} does; with {@code count} 0 it just
     * skips. Late materialization calls this for the columns a scan's filter does not read. This default decodes
     * every row and copies the selected ones.
     */
    default void decodeSelected(FieldVector target, int rows, int[] selection, int count) {
        try (FieldVector all = target.getField().createVector(target.getAllocator())) {
            all.setInitialCapacity(rows);
            all.allocateNew();
            decode(all, rows);
            all.setValueCount(rows);
            TransferPair copy = all.makeTransferPair(target);
            for (int i = 0; i < count; i++) {
                copy.copyValueSafe(selection[i], i);
            }
        }
    }

    /**
     * The current row group's dictionary as a new vector of {@code field}'s type: its values, then a null for the
     * rows without a value. Only when every page of the chunk stores dictionary ids, so that a row's id stands for
     * its value and a condition on the column can be evaluated once per distinct value; null otherwise. Offered for
     * string and binary columns, whose values cost the most to materialize and compare.
     */
    default FieldVector dictionary(Field field, BufferAllocator allocator) {
        return null;
    }

    /**
     * Stores the next {@code rows} rows' ids into the {@link #dictionary} ({@code out[0..rows)}), the id of its null
     * entry for a row without a value. Only after {@link #dictionary} returned one for the row group.
     */
    default void decodeIds(int[] out, int rows) {
        throw new UnsupportedOperationException("this column offers no dictionary ids");
    }

    /** A column absent from the file: every slot stays null. */
    ColumnDecoder NULLS = new ColumnDecoder() {
        @Override
        public void startRowGroup(PageReadStore rowGroup, RowRanges rows) {
        }

        @Override
        public void decode(FieldVector target, int rows) {
        }

        @Override
        public void decodeSelected(FieldVector target, int rows, int[] selection, int count) {
        }
    };
}
