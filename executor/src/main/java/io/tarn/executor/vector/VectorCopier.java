package io.tarn.executor.vector;

import io.tarn.catalog.type.Batch;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.BitVectorHelper;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.NullVector;

import java.util.ArrayList;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * Copies chosen rows of vectors into other vectors: buffer copies for fixed-width types, {@code copyFromSafe} otherwise;
 * NULL-typed vectors (NullVector) hold no data, so only the caller's value count matters for them.
 */
public final class VectorCopier {
    private VectorCopier() {
    }

    /** A new batch holding rows {@code selection[0..count)} of {@code batch}, in that order; the input stays owned by the caller. */
    public static Batch copyRows(Batch batch, int[] selection, int count, BufferAllocator allocator) {
        requireNonNull(batch, "batch is null");
        requireNonNull(selection, "selection is null");
        List<FieldVector> copies = new ArrayList<>(batch.columnCount());
        try {
            for (FieldVector source : batch.columns()) {
                FieldVector target = Vectors.create(source.getField(), allocator, count);
                copies.add(target);
                appendSelected(source, selection, count, target, 0);
                target.setValueCount(count);
            }
        } catch (RuntimeException e) {
            Vectors.closeAll(copies);
            throw e;
        }
        return new Batch(copies, count);
    }

    /** A new vector with all {@code rowCount} values of {@code source}. */
    public static FieldVector copyAll(FieldVector source, int rowCount, BufferAllocator allocator) {
        FieldVector target = Vectors.create(source.getField(), allocator, rowCount);
        try {
            appendRange(source, 0, rowCount, target, 0);
            target.setValueCount(rowCount);
        } catch (RuntimeException e) {
            target.close();
            throw e;
        }
        return target;
    }

    /**
     * Writes rows {@code selection[0..count)} of {@code source} into {@code target} at positions {@code targetOffset...},
     * growing it; the caller sets the target's value count afterwards. Both vectors must have the same type.
     */
    public static void appendSelected(FieldVector source, int[] selection, int count, FieldVector target, int targetOffset) {
        if (source instanceof NullVector) {
            return;
        }
        if (source instanceof BaseFixedWidthVector fixed && !(source instanceof BitVector)) {
            ensureCapacity(target, targetOffset + count);
            copyFixedWidth(fixed, selection, count, (BaseFixedWidthVector) target, targetOffset);
        } else {
            for (int i = 0; i < count; i++) {
                target.copyFromSafe(selection[i], targetOffset + i, source);
            }
        }
    }

    /** Writes rows {@code [from, from + count)} of {@code source} into {@code target} starting at {@code targetOffset}. */
    public static void appendRange(FieldVector source, int from, int count, FieldVector target, int targetOffset) {
        if (source instanceof NullVector) {
            return;
        }
        if (source instanceof BaseFixedWidthVector fixed && !(source instanceof BitVector)) {
            ensureCapacity(target, targetOffset + count);
            BaseFixedWidthVector out = (BaseFixedWidthVector) target;
            int width = fixed.getTypeWidth();
            out.getDataBuffer().setBytes((long) targetOffset * width, fixed.getDataBuffer(), (long) from * width, (long) count * width);
            copyValidity(fixed.getValidityBuffer(), from, out.getValidityBuffer(), targetOffset, count);
        } else {
            for (int i = 0; i < count; i++) {
                target.copyFromSafe(from + i, targetOffset + i, source);
            }
        }
    }

    /** Writes row {@code row} of {@code source} into {@code target} at {@code targetIndex}, growing it. */
    public static void appendRow(FieldVector source, int row, FieldVector target, int targetIndex) {
        if (!(source instanceof NullVector)) {
            target.copyFromSafe(row, targetIndex, source);
        }
    }

    /** Grows {@code vector} until it can hold {@code rows} values. */
    public static void ensureCapacity(FieldVector vector, int rows) {
        while (vector.getValueCapacity() < rows) {
            vector.reAlloc();
        }
    }

    private static void copyFixedWidth(BaseFixedWidthVector source, int[] selection, int count,
                                       BaseFixedWidthVector target, int targetOffset) {
        ArrowBuf from = source.getDataBuffer();
        ArrowBuf to = target.getDataBuffer();
        ArrowBuf fromValidity = source.getValidityBuffer();
        ArrowBuf toValidity = target.getValidityBuffer();
        int width = source.getTypeWidth();
        switch (width) {
            case 4 -> {
                for (int i = 0; i < count; i++) {
                    to.setInt((long) (targetOffset + i) << 2, from.getInt((long) selection[i] << 2));
                }
            }
            case 8 -> {
                for (int i = 0; i < count; i++) {
                    to.setLong((long) (targetOffset + i) << 3, from.getLong((long) selection[i] << 3));
                }
            }
            default -> {
                for (int i = 0; i < count; i++) {
                    to.setBytes((long) (targetOffset + i) * width, from, (long) selection[i] * width, width);
                }
            }
        }
        for (int i = 0; i < count; i++) {
            BitVectorHelper.setValidityBit(toValidity, targetOffset + i, BitVectorHelper.get(fromValidity, selection[i]));
        }
    }

    private static void copyValidity(ArrowBuf from, int fromIndex, ArrowBuf to, int toIndex, int count) {
        for (int i = 0; i < count; i++) {
            BitVectorHelper.setValidityBit(to, toIndex + i, BitVectorHelper.get(from, fromIndex + i));
        }
    }
}
