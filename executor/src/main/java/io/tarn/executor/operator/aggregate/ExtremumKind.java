package io.tarn.executor.operator.aggregate;

/** Which value of a group an extremum accumulator keeps. */
enum ExtremumKind {
    MIN, MAX, ANY;

    /** Whether a candidate comparing {@code comparison} against the kept value replaces it. */
    boolean replaces(int comparison) {
        return switch (this) {
            case MIN -> comparison < 0;
            case MAX -> comparison > 0;
            case ANY -> false;
        };
    }
}
