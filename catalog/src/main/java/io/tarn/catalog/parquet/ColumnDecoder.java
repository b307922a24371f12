package io.tarn.catalog.parquet;

import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.util.TransferPair;
import org.apache.parquet.column.page.PageReadStore;

/**
 * Decodes one output column of a Parquet scan, a batch at a time. This is the seam where a hand-written vectorized
 * page decoder replaces the value-at-a-time parquet-java path.
 */
interface ColumnDecoder {

    /** Positions the decoder at the start of a new row group. */
    void startRowGroup(PageReadStore rowGroup);

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

    /** A column absent from the file: every slot stays null. */
    ColumnDecoder NULLS = new ColumnDecoder() {
        @Override
        public void startRowGroup(PageReadStore rowGroup) {
        }

        @Override
        public void decode(FieldVector target, int rows) {
        }

        @Override
        public void decodeSelected(FieldVector target, int rows, int[] selection, int count) {
        }
    };
}
