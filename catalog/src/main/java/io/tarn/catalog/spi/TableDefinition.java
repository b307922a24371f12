package io.tarn.catalog.spi;

import io.tarn.catalog.type.RowSchema;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What CREATE TABLE asks for. {@code columns} may be empty for a PARQUET table with a {@code location}, whose
 * columns are then inferred from its files.
 */
public record TableDefinition(String schema, String name, RowSchema columns, List<String> partitionColumns,
                              TableFormat format, Optional<String> location, Map<String, String> properties,
                              boolean ifNotExists) {
    public TableDefinition {
        partitionColumns = List.copyOf(partitionColumns);
        properties = Map.copyOf(properties);
    }
}
