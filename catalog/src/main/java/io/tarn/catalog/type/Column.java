package io.tarn.catalog.type;

import java.util.Objects;

/** A named, typed column of a table or a batch. */
public record Column(String name, DataType type) {
    public Column {
        Objects.requireNonNull(name, "name is null");
        Objects.requireNonNull(type, "type is null");
    }
}
