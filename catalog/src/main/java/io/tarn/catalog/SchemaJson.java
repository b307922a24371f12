package io.tarn.catalog;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tarn.catalog.spi.CatalogException;
import io.tarn.catalog.type.DataType;
import io.tarn.catalog.type.RowSchema;

import java.util.Map;

/** JSON form of Tarn schemas and types, as the catalog stores them (view columns, declared Iceberg column types). */
public final class SchemaJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private SchemaJson() {
    }

    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize " + value, e);
        }
    }

    public static RowSchema readRowSchema(String json) {
        return read(json, new TypeReference<RowSchema>() { });
    }

    /** Types keyed by Iceberg field id. */
    public static Map<Integer, DataType> readTypes(String json) {
        return read(json, new TypeReference<Map<Integer, DataType>>() { });
    }

    private static <T> T read(String json, TypeReference<T> type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new CatalogException(CatalogException.DATA_EXCEPTION, "corrupt schema in catalog: " + json, e);
        }
    }
}
