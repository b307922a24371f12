package io.tarn.catalog.spi;

import io.tarn.catalog.type.Batch;

import java.util.Optional;

/**
 * A scan's exact row condition, given to the reader so that it decodes the columns the condition reads first and the
 * other columns only for the rows that pass (late materialization). The engine implements it; one instance per reader,
 * used by one thread.
 */
public interface RowFilter {

    /** The positions in the scan request's projection that the condition reads, ascending. */
    int[] columns();

    /**
     * Evaluates the condition on {@code columns} (the vectors of {@link #columns()}, in that order, which the call
     * does not consume); writes the indexes of the rows where it is TRUE, ascending, into {@code selection} (at least
     * as long as the batch) and returns how many there are.
     */
    int select(Batch columns, int[] selection);

    /**
     * The conjuncts of the condition that read only {@code column} (one of {@link #columns()}), as a filter on
     * one-column batches of it; empty when there are none. A reader may evaluate them once per distinct value (on a
     * dictionary) and call {@link #select} only for the rows whose value passes; select checks them again.
     */
    default Optional<RowFilter> conjunctsOn(int column) {
        return Optional.empty();
    }

    /** A new batch of the rows at {@code selection[0..count)} of {@code batch}, which the call does not consume. */
    Batch copyRows(Batch batch, int[] selection, int count);
}
