/**
 * Parse trees of Tarn's own statements, one {@code Sql<Verb><Object>} class each, built by
 * {@link io.tarn.sql.parser.TarnParser}.
 *
 * <p>Every node unparses to SQL that parses back to an equal tree, and its operand list holds all of its state
 * (flags and strings as literals), so {@code equalsDeep}, {@code clone} and {@code SqlShuttle} keep node class and
 * content. Statements that Calcite already models keep Calcite's classes: {@code DESCRIBE}/{@code DESC} give
 * {@link org.apache.calcite.sql.SqlDescribeTable}, {@code SET name = value} gives
 * {@link org.apache.calcite.sql.SqlSetOption} and {@code EXPLAIN PLAN FOR} gives
 * {@link org.apache.calcite.sql.SqlExplain}.
 */
package io.tarn.sql.parser.ddl;
