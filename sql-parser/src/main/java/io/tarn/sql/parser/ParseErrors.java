package io.tarn.sql.parser;

import static java.util.Objects.requireNonNull;

import org.apache.calcite.runtime.CalciteContextException;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * Errors raised by Tarn's grammar actions. The generated parser converts a {@link CalciteContextException} into a
 * {@link org.apache.calcite.sql.parser.SqlParseException} that keeps this position and message.
 */
public final class ParseErrors {
    private ParseErrors() {
    }

    /** Returns (for the caller to throw) a syntax error located at {@code pos}. */
    public static CalciteContextException at(SqlParserPos pos, String message) {
        requireNonNull(pos, "pos is null");
        requireNonNull(message, "message is null");
        return new CalciteContextException(message, new IllegalArgumentException(message),
                pos.getLineNum(), pos.getColumnNum(), pos.getEndLineNum(), pos.getEndColumnNum());
    }
}
