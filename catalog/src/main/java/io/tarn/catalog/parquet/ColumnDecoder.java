package io.tarn.catalog.parquet;

import org.apache.arrow.vector.FieldVector;
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
    void decode(org.apache.arrow.vector.FieldVector target, int rows);

    /** A column absent from the file: every slot stays null. */
    ColumnDecoder NULLS = new ColumnDecoder() {
        @Override
        public void startRowGroup(PageReadStore rowGroup) {
        }

        @Override
        public void decode(FieldVector target, int rows) {
        }
    };
}
