package io.tarn.tests.slt;

import java.util.List;

/** One executable record of an {@code .slt} file; {@code line} is the 1-based line of its keyword. */
sealed interface SltRecord {

    int line();

    String sql();

    /** Which engines run a record: both (the default), or one of them when the other has no equivalent syntax. */
    enum Target { BOTH, TARN_ONLY, DUCKDB_ONLY }

    /** {@code statement ok}: must succeed on every engine it targets. */
    record Statement(int line, String sql, Target target) implements SltRecord {
    }

    /** {@code statement error <prefix>}: Tarn must raise an SQLException whose SQLState starts with the prefix. */
    record StatementError(int line, String sql, String sqlStatePrefix) implements SltRecord {
    }

    /**
     * {@code query [rowsort]}: Tarn's rows must equal DuckDB's, or the rows written after {@code ----} when the record
     * is {@code # tarn-only} or carries {@code # tarn-expected:}; {@code rowsort} ignores row order.
     *
     * @param expectedRows null when DuckDB gives the expected rows; else each row's values as written
     */
    record Query(int line, String sql, boolean rowsort, Target target, List<List<String>> expectedRows)
            implements SltRecord {
        boolean comparesWithDuckDb() {
            return expectedRows == null;
        }
    }
}
