package io.tarn.catalog.iceberg;

import io.tarn.catalog.SchemaJson;
import io.tarn.catalog.spi.CatalogException;
import io.tarn.catalog.spi.TableDefinition;
import io.tarn.catalog.type.DataType;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.TableProperties;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.exceptions.ValidationException;
import org.apache.iceberg.types.TypeUtil;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** Creates Iceberg tables from Tarn table definitions. */
public final class IcebergTables {
    private static final String UNDEFINED_COLUMN = "42703";

    private IcebergTables() {
    }

    /**
     * Creates a format-v2 table with ZSTD Parquet data files, full column metrics, identity partitions on
     * {@code partitionColumns}, and the declared Tarn types in {@link IcebergTable#COLUMN_TYPES_PROPERTY}.
     */
    public static org.apache.iceberg.Table create(Catalog catalog, TableIdentifier identifier, TableDefinition definition) {
        if (definition.columns().size() == 0) {
            throw new CatalogException(CatalogException.INVALID_DEFINITION, "table " + identifier + " needs at least one column");
        }
        // Iceberg assigns fresh ids on create the same way, so the declared types can be keyed by the final ids
        AtomicInteger lastId = new AtomicInteger();
        Schema schema = TypeUtil.assignFreshIds(IcebergTypes.schema(definition.columns()), lastId::incrementAndGet);
        PartitionSpec.Builder spec = PartitionSpec.builderFor(schema);
        for (String partitionColumn : definition.partitionColumns()) {
            int index = definition.columns().indexOf(partitionColumn);
            if (index < 0) {
                throw new CatalogException(UNDEFINED_COLUMN, "partition column " + partitionColumn + " is not a column of "
                        + identifier);
            }
            try {
                spec.identity(definition.columns().column(index).name());
            } catch (IllegalArgumentException | ValidationException e) {
                throw new CatalogException(CatalogException.INVALID_DEFINITION, "cannot partition " + identifier + " by "
                        + partitionColumn + ": " + e.getMessage(), e);
            }
        }
        Map<Integer, DataType> declared = new HashMap<>();
        for (int i = 0; i < definition.columns().size(); i++) {
            declared.put(schema.columns().get(i).fieldId(), definition.columns().column(i).type());
        }
        Map<String, String> properties = new HashMap<>(definition.properties());
        properties.put(TableProperties.FORMAT_VERSION, "2");
        properties.put(TableProperties.DEFAULT_FILE_FORMAT, "parquet");
        properties.put(TableProperties.PARQUET_COMPRESSION, "zstd");
        properties.putIfAbsent(TableProperties.DEFAULT_WRITE_METRICS_MODE, "full");
        properties.put(IcebergTable.COLUMN_TYPES_PROPERTY, SchemaJson.write(declared));
        Catalog.TableBuilder builder = catalog.buildTable(identifier, schema).withPartitionSpec(spec.build())
                .withProperties(properties);
        definition.location().ifPresent(builder::withLocation);
        try {
            return builder.create();
        } catch (ValidationException | IllegalArgumentException e) {
            throw new CatalogException(CatalogException.INVALID_DEFINITION, "cannot create " + identifier + ": " + e.getMessage(), e);
        }
    }
}
