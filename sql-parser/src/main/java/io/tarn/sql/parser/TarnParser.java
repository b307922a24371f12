package io.tarn.sql.parser;

import static java.util.Objects.requireNonNull;

import io.tarn.sql.parser.impl.TarnSqlParserImpl;
import org.apache.calcite.avatica.util.Casing;
import org.apache.calcite.avatica.util.Quoting;
import org.apache.calcite.sql.SqlDialect;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.dialect.CalciteSqlDialect;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParser;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.validate.SqlConformanceEnum;

/**
 * Entry point to Tarn's SQL grammar: Calcite's standard SQL plus Tarn's DDL and utility statements
 * (see {@link io.tarn.sql.parser.ddl}). Syntax errors surface as {@link SqlParseException}, whose
 * {@code getPos()} gives the line and column.
 */
public final class TarnParser {
    /**
     * Lexing as DuckDB and PostgreSQL users expect: unquoted identifiers fold to lower case, double-quoted ones keep
     * their case. Name matching stays case-insensitive: functions that are not SQL keywords (Calcite's library
     * functions such as SUBSTR, Tarn's UDFs) are registered in upper case and must still resolve from {@code substr(...)}.
     *
     * <p>LENIENT conformance accepts LIMIT/OFFSET, {@code LIMIT start, count}, {@code !=}, {@code %}, SELECT without
     * FROM, GROUP BY / ORDER BY / HAVING by alias or ordinal, MINUS and APPLY. BABEL accepts all of that too, but it
     * rejects an explicit {@code ROW(1, 2)} and lets the validator accept non-aggregated columns missing from GROUP BY
     * (MySQL style), which DuckDB and PostgreSQL reject.
     */
    private static final SqlParser.Config CONFIG = SqlParser.config()
            .withParserFactory(TarnSqlParserImpl.FACTORY)
            .withUnquotedCasing(Casing.TO_LOWER)
            .withQuotedCasing(Casing.UNCHANGED)
            .withQuoting(Quoting.DOUBLE_QUOTE)
            .withCaseSensitive(false)
            .withConformance(SqlConformanceEnum.LENIENT);

    /** Writes identifiers double-quoted with their case kept, so {@link #toSql} output parses back to the same tree. */
    private static final SqlDialect UNPARSE_DIALECT = CalciteSqlDialect.DEFAULT;

    private TarnParser() {
    }

    /** The parser configuration; the planner passes it (or derives from it) wherever Calcite asks for one. */
    public static SqlParser.Config config() {
        return CONFIG;
    }

    /** Parses statements separated by semicolons; a trailing semicolon is allowed, an empty text gives no statement. */
    public static SqlNodeList parseStatements(String sql) throws SqlParseException {
        requireNonNull(sql, "sql is null");
        return SqlParser.create(sql, CONFIG).parseStmtList();
    }

    /** Parses exactly one statement, optionally followed by a semicolon. */
    public static SqlNode parse(String sql) throws SqlParseException {
        SqlNodeList statements = parseStatements(sql);
        if (statements.size() != 1) {
            SqlParserPos pos = statements.isEmpty() ? new SqlParserPos(1, 1) : statements.get(1).getParserPosition();
            throw new SqlParseException("Expected one SQL statement but found " + statements.size(), pos, null,
                    null, null);
        }
        return statements.get(0);
    }

    /** Unparses a node into SQL text that {@link #parse} reads back into an equal tree. */
    public static String toSql(SqlNode node) {
        requireNonNull(node, "node is null");
        return node.toSqlString(UNPARSE_DIALECT).getSql();
    }
}
