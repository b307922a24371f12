package io.tarn.catalog.spi;

import io.tarn.catalog.type.RowSchema;

/** A stored view: its SQL text, the schema its unqualified names resolve in, and its output columns. */
public record ViewDefinition(String schema, String name, String sql, String resolutionSchema, RowSchema columns) {
}
