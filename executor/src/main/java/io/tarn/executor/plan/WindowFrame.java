package io.tarn.executor.plan;

/**
 * A window frame. ROWS counts physical rows; RANGE compares the (single) order key value, with peers (equal keys)
 * treated alike. Offsets are canonical Java values (Long for ROWS; same kind as the order key for RANGE, or an
 * interval Long for date/time keys).
 */
public record WindowFrame(boolean rows, Bound lower, Bound upper) {
    public enum BoundKind { UNBOUNDED_PRECEDING, PRECEDING, CURRENT_ROW, FOLLOWING, UNBOUNDED_FOLLOWING }

    public record Bound(BoundKind kind, Object offset) {
        @Override
        public String toString() {
            return offset == null ? kind.name() : offset + " " + kind.name();
        }
    }

    @Override
    public String toString() {
        return (rows ? "ROWS " : "RANGE ") + lower + " AND " + upper;
    }
}
