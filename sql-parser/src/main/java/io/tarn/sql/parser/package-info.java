/**
 * Tarn's SQL parser: {@link io.tarn.sql.parser.TarnParser} over {@code io.tarn.sql.parser.impl.TarnSqlParserImpl},
 * which the build generates from Calcite's grammar template plus {@code src/main/codegen}.
 */
package io.tarn.sql.parser;
