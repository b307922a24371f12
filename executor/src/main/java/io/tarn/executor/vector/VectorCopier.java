package io.tarn.executor.vector;

import io.tarn.catalog.type.Batch;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.util.MemoryUtil;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.BitVectorHelper;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.NullVector;
import org.apache.arrow.vector.util.OversizedAllocationException;

import java.util.ArrayList;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * Copies chosen rows of vectors into other vectors: buffer copies for fixed-width and variable-width (VARCHAR,
 * VARBINARY) types, {@code copyFromSafe} otherwise; NULL-typed vectors (NullVector) hold no data, so only the caller's
 * value count matters for them.
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
     * growing it; the caller sets the target's value count afterwards. Both vectors must have the same type, and the
     * source's value count must be set (its null count decides whether validity is copied bit by bit).
     */
    public static void appendSelected(FieldVector source, int[] selection, int count, FieldVector target, int targetOffset) {
        if (count == 0 || source instanceof NullVector) {
            return;
        }
        if (source instanceof BaseFixedWidthVector fixed && !(source instanceof BitVector)) {
            ensureCapacity(target, targetOffset + count);
            copyFixedWidth(fixed, selection, count, (BaseFixedWidthVector) target, targetOffset);
        } else if (source instanceof BaseVariableWidthVector variable) {
            copyVariableWidth(variable, selection, count, (BaseVariableWidthVector) target, targetOffset);
        } else {
            for (int i = 0; i < count; i++) {
                target.copyFromSafe(selection[i], targetOffset + i, source);
            }
        }
    }

    /** Writes rows {@code [from, from + count)} of {@code source} into {@code target} starting at {@code targetOffset}. */
    public static void appendRange(FieldVector source, int from, int count, FieldVector target, int targetOffset) {
        if (count == 0 || source instanceof NullVector) {
            return;
        }
        if (source instanceof BaseFixedWidthVector fixed && !(source instanceof BitVector)) {
            ensureCapacity(target, targetOffset + count);
            BaseFixedWidthVector out = (BaseFixedWidthVector) target;
            int width = fixed.getTypeWidth();
            out.getDataBuffer().setBytes((long) targetOffset * width, fixed.getDataBuffer(), (long) from * width, (long) count * width);
            copyValidity(fixed.getValidityBuffer(), from, out.getValidityBuffer(), targetOffset, count);
        } else if (source instanceof BaseVariableWidthVector variable) {
            BaseVariableWidthVector out = (BaseVariableWidthVector) target;
            long bytes = variable.getStartOffset(from + count) - variable.getStartOffset(from);
            int end = reserve(out, targetOffset, count, bytes);
            copyRun(variable, from, count, out, targetOffset, end);
            copyValidity(variable.getValidityBuffer(), from, out.getValidityBuffer(), targetOffset, count);
            out.setLastSet(targetOffset + count - 1);
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
        int highest = 0;
        for (int i = 0; i < count; i++) {
            highest = Math.max(highest, selection[i]);
        }
        // addresses checked once for the highest selected row and the last written one, see DirectAccess
        long from = DirectAccess.inputData(source, highest + 1);
        long to = DirectAccess.outputData(target, targetOffset + count);
        int width = source.getTypeWidth();
        switch (width) {
            case 4 -> {
                for (int i = 0; i < count; i++) {
                    MemoryUtil.putInt(to + ((long) (targetOffset + i) << 2), MemoryUtil.getInt(from + ((long) selection[i] << 2)));
                }
            }
            case 8 -> {
                for (int i = 0; i < count; i++) {
                    MemoryUtil.putLong(to + ((long) (targetOffset + i) << 3), MemoryUtil.getLong(from + ((long) selection[i] << 3)));
                }
            }
            case 16 -> {
                for (int i = 0; i < count; i++) {
                    long source16 = from + ((long) selection[i] << 4);
                    long target16 = to + ((long) (targetOffset + i) << 4);
                    MemoryUtil.putLong(target16, MemoryUtil.getLong(source16));
                    MemoryUtil.putLong(target16 + 8, MemoryUtil.getLong(source16 + 8));
                }
            }
            default -> {
                for (int i = 0; i < count; i++) {
                    MemoryUtil.copyMemory(from + (long) selection[i] * width, to + (long) (targetOffset + i) * width, width);
                }
            }
        }
        copySelectedValidity(source, selection, count, target.getValidityBuffer(), targetOffset);
    }

    /**
     * Appends the selected values in runs of consecutive source rows, each run's bytes in one copy, after growing the
     * target once; {@code copyFromSafe} per row spent most of its time checking capacity and filling offsets.
     */
    private static void copyVariableWidth(BaseVariableWidthVector source, int[] selection, int count,
                                          BaseVariableWidthVector target, int targetOffset) {
        long bytes = 0;
        for (int i = 0; i < count; i++) {
            bytes += source.getEndOffset(selection[i]) - source.getStartOffset(selection[i]);
        }
        int end = reserve(target, targetOffset, count, bytes);
        int i = 0;
        while (i < count) {
            int first = selection[i];
            int length = 1;
            while (i + length < count && selection[i + length] == first + length) {
                length++;
            }
            end = copyRun(source, first, length, target, targetOffset + i, end);
            i += length;
        }
        copySelectedValidity(source, selection, count, target.getValidityBuffer(), targetOffset);
        // setValueCount fills offsets after the last set index, which would overwrite ours otherwise
        target.setLastSet(targetOffset + count - 1);
    }

    /**
     * Grows {@code target} for {@code count} more values of {@code bytes} bytes at {@code targetOffset} and returns the
     * data offset where they start. Values skipped before {@code targetOffset} (e.g. set NULL) get empty slots first,
     * so that the offset there is defined.
     */
    private static int reserve(BaseVariableWidthVector target, int targetOffset, int count, long bytes) {
        while (target.getValueCapacity() < targetOffset + count) {
            target.reallocValidityAndOffsetBuffers();
        }
        if (target.getLastSet() < targetOffset - 1) {
            target.fillEmpties(targetOffset);
        }
        int start = target.getStartOffset(targetOffset);
        long end = start + bytes;
        if (end > Integer.MAX_VALUE) {
            throw new OversizedAllocationException("variable-width vector " + target.getName() + " would hold "
                    + end + " bytes, more than its 32-bit offsets allow");
        }
        if (end > target.getDataBuffer().capacity()) {
            target.reallocDataBuffer(end);
        }
        return start;
    }

    /**
     * Copies the data and offsets of source rows {@code [from, from + count)} to target positions {@code targetIndex...},
     * the bytes starting at data offset {@code end}; returns the data offset after them. A NULL keeps its slot's
     * bytes (normally none): only the validity bit, copied separately, says it is NULL.
     */
    private static int copyRun(BaseVariableWidthVector source, int from, int count, BaseVariableWidthVector target,
                               int targetIndex, int end) {
        ArrowBuf fromOffsets = source.getOffsetBuffer();
        ArrowBuf toOffsets = target.getOffsetBuffer();
        int start = source.getStartOffset(from);
        int length = source.getStartOffset(from + count) - start;
        target.getDataBuffer().setBytes(end, source.getDataBuffer(), start, length);
        int shift = end - start;
        for (int i = 1; i <= count; i++) {
            toOffsets.setInt((long) (targetIndex + i) * BaseVariableWidthVector.OFFSET_WIDTH,
                    fromOffsets.getInt((long) (from + i) * BaseVariableWidthVector.OFFSET_WIDTH) + shift);
        }
        return end + length;
    }

    private static void copySelectedValidity(FieldVector source, int[] selection, int count, ArrowBuf to, int toIndex) {
        if (source.getNullCount() == 0) {
            setBits(to, toIndex, count);
            return;
        }
        ArrowBuf from = source.getValidityBuffer();
        for (int i = 0; i < count; i++) {
            BitVectorHelper.setValidityBit(to, toIndex + i, BitVectorHelper.get(from, selection[i]));
        }
    }

    private static void copyValidity(ArrowBuf from, int fromIndex, ArrowBuf to, int toIndex, int count) {
        if (allSet(from, fromIndex, count)) {
            setBits(to, toIndex, count);
            return;
        }
        for (int i = 0; i < count; i++) {
            BitVectorHelper.setValidityBit(to, toIndex + i, BitVectorHelper.get(from, fromIndex + i));
        }
    }

    /** Whether bits {@code [from, from + count)} are all 1, reading whole bytes where it can. */
    private static boolean allSet(ArrowBuf bits, int from, int count) {
        int end = from + count;
        int i = from;
        for (; i < end && (i & 7) != 0; i++) {
            if (BitVectorHelper.get(bits, i) == 0) {
                return false;
            }
        }
        for (; i + 8 <= end; i += 8) {
            if (bits.getByte(i >>> 3) != (byte) 0xFF) {
                return false;
            }
        }
        for (; i < end; i++) {
            if (BitVectorHelper.get(bits, i) == 0) {
                return false;
            }
        }
        return true;
    }

    /** Sets bits {@code [from, from + count)} to 1, whole bytes at once between the partial ones at the ends. */
    private static void setBits(ArrowBuf bits, int from, int count) {
        int end = from + count;
        int i = from;
        for (; i < end && (i & 7) != 0; i++) {
            BitVectorHelper.setBit(bits, i);
        }
        int wholeBytes = (end - i) >>> 3;
        if (wholeBytes > 0) {
            bits.setOne(i >>> 3, wholeBytes);
            i += wholeBytes << 3;
        }
        for (; i < end; i++) {
            BitVectorHelper.setBit(bits, i);
        }
    }
}
