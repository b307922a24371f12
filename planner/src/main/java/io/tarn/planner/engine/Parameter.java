package io.tarn.planner.engine;

import io.tarn.catalog.type.DataType;

/** A dynamic parameter ({@code ?}) of a prepared statement, with the type the validator inferred. */
public record Parameter(int index, DataType type) {
}
