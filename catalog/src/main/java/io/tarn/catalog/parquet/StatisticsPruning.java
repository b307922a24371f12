package io.tarn.catalog.parquet;

import io.tarn.catalog.CanonicalOrder;
import io.tarn.catalog.spi.ColumnConstraint;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.filter2.columnindex.RowRanges;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.internal.column.columnindex.ColumnIndex;
import org.apache.parquet.internal.column.columnindex.OffsetIndex;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.PrimitiveType;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.stream.Collectors;

/** Decides from min / max / null counts whether a row group (or a partition) may hold rows matching a constraint. */
final class StatisticsPruning {
    private StatisticsPruning() {
    }

    /** Min and max of a column chunk in canonical form; null when unknown or not safely convertible. */
    record Bounds(Object min, Object max) {
    }

    /**
     * True unless the statistics prove that no row satisfies {@code constraint}. {@code nulls} is -1 when unknown;
     * {@code bounds} null when unknown. Incomparable values never prune.
     */
    static boolean mightMatch(ColumnConstraint constraint, Bounds bounds, long nulls, long values) {
        switch (constraint.op()) {
            case IS_NULL:
                return nulls != 0;
            case IS_NOT_NULL:
                return nulls < 0 || nulls < values;
            default:
                break;
        }
        if (nulls >= 0 && nulls == values) {
            return false; // only NULLs, which no comparison matches
        }
        Object value = constraint.value();
        if (bounds == null || value == null) {
            return true;
        }
        try {
            int toMin = CanonicalOrder.compare(value, bounds.min());
            int toMax = CanonicalOrder.compare(value, bounds.max());
            return switch (constraint.op()) {
                case EQ -> toMin >= 0 && toMax <= 0;
                case NE -> !(toMin == 0 && toMax == 0);
                case LT -> toMin > 0;
                case LE -> toMin >= 0;
                case GT -> toMax < 0;
                case GE -> toMax <= 0;
                default -> true;
            };
        } catch (IllegalArgumentException e) {
            return true;
        }
    }

    /**
     * True unless a row group's chunk statistics prove that no row satisfies one of the constraints; {@code chunkOf}
     * finds a constraint's column (a table column index) in the row group, or null when it cannot be checked there.
     */
    static boolean rowGroupMightMatch(List<ColumnConstraint> constraints, BlockMetaData block,
                                      IntFunction<ColumnChunkMetaData> chunkOf) {
        for (ColumnConstraint constraint : constraints) {
            ColumnChunkMetaData chunk = chunkOf.apply(constraint.column());
            if (chunk == null) {
                continue;
            }
            var statistics = chunk.getStatistics();
            long nulls = statistics == null || statistics.isEmpty() || !statistics.isNumNullsSet() ? -1 : statistics.getNumNulls();
            if (!mightMatch(constraint, bounds(chunk.getPrimitiveType(), statistics), nulls, block.getRowCount())) {
                return false;
            }
        }
        return true;
    }

    /**
     * The rows of a row group whose pages' statistics (the chunk's ColumnIndex, paged by its OffsetIndex) do not
     * prove that no row satisfies one of the constraints, or null when no constrained chunk has page indexes.
     */
    static RowRanges pagesMightMatch(List<ColumnConstraint> constraints, BlockMetaData block,
                                     IntFunction<ColumnChunkMetaData> chunkOf, ParquetFileReader file) throws IOException {
        // a range is two constraints on one column: its chunk's indexes are read once for both
        Map<Integer, List<ColumnConstraint>> byColumn = constraints.stream()
                .collect(Collectors.groupingBy(ColumnConstraint::column, LinkedHashMap::new, Collectors.toList()));
        RowRanges rows = null;
        for (Map.Entry<Integer, List<ColumnConstraint>> column : byColumn.entrySet()) {
            ColumnChunkMetaData chunk = chunkOf.apply(column.getKey());
            if (chunk == null || chunk.getColumnIndexReference() == null || chunk.getOffsetIndexReference() == null) {
                continue;
            }
            ColumnIndex pageStatistics = file.readColumnIndex(chunk);
            OffsetIndex pageOffsets = file.readOffsetIndex(chunk);
            if (pageStatistics == null || pageOffsets == null
                    || pageStatistics.getNullPages().size() != pageOffsets.getPageCount()) {
                continue;
            }
            List<Boolean> nullPages = pageStatistics.getNullPages();
            List<Long> nullCounts = pageStatistics.getNullCounts();
            RowRanges.Builder matching = RowRanges.builder();
            for (int page = 0; page < pageOffsets.getPageCount(); page++) {
                long first = pageOffsets.getFirstRowIndex(page);
                long last = pageOffsets.getLastRowIndex(page, block.getRowCount());
                long values = last - first + 1;
                boolean allNull = nullPages.get(page);
                long nulls = allNull ? values : nullCounts == null ? -1 : nullCounts.get(page);
                Bounds bounds = allNull ? null : pageBounds(chunk.getPrimitiveType(),
                        pageStatistics.getMinValues().get(page), pageStatistics.getMaxValues().get(page));
                if (column.getValue().stream().allMatch(constraint -> mightMatch(constraint, bounds, nulls, values))) {
                    matching.addSelectedRange(first, last);
                }
            }
            rows = rows == null ? matching.build() : RowRanges.intersection(rows, matching.build());
        }
        return rows;
    }

    /**
     * A page's bounds from its ColumnIndex entries (PLAIN encoded, byte arrays maybe truncated to a lower min and a
     * higher max, which keeps them bounds), or null when unusable.
     */
    private static Bounds pageBounds(PrimitiveType type, ByteBuffer min, ByteBuffer max) {
        Object low = physicalValue(type, min);
        Object high = physicalValue(type, max);
        if (low == null || high == null) {
            return null;
        }
        Object canonicalLow = canonical(type, low);
        Object canonicalHigh = canonical(type, high);
        return canonicalLow == null || canonicalHigh == null ? null : new Bounds(canonicalLow, canonicalHigh);
    }

    private static Object physicalValue(PrimitiveType type, ByteBuffer bytes) {
        ByteBuffer value = bytes.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        int position = value.position();
        return switch (type.getPrimitiveTypeName()) {
            case BOOLEAN -> value.remaining() < 1 ? null : value.get(position) != 0;
            case INT32 -> value.remaining() < 4 ? null : value.getInt(position);
            case INT64 -> value.remaining() < 8 ? null : value.getLong(position);
            case FLOAT -> value.remaining() < 4 ? null : value.getFloat(position);
            case DOUBLE -> value.remaining() < 8 ? null : value.getDouble(position);
            case BINARY, FIXED_LEN_BYTE_ARRAY -> isText(type.getLogicalTypeAnnotation()) && !validUtf8(value)
                    ? null : Binary.fromConstantByteBuffer(value);
            case INT96 -> null;
        };
    }

    /** A truncated string bound that is not valid UTF-8 would not compare as its bytes do, so it is not used. */
    private static boolean validUtf8(ByteBuffer bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder().decode(bytes.duplicate());
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    /** Bounds of a column chunk, or null when the statistics are missing or cannot be trusted for this type. */
    static Bounds bounds(PrimitiveType type, Statistics<?> statistics) {
        if (statistics == null || statistics.isEmpty() || !statistics.hasNonNullValue()) {
            return null;
        }
        Object min = canonical(type, statistics.genericGetMin());
        Object max = canonical(type, statistics.genericGetMax());
        return min == null || max == null ? null : new Bounds(min, max);
    }

    private static Object canonical(PrimitiveType type, Object value) {
        LogicalTypeAnnotation annotation = type.getLogicalTypeAnnotation();
        if (annotation instanceof LogicalTypeAnnotation.IntLogicalTypeAnnotation integer && !integer.isSigned()) {
            return null; // writers disagree on unsigned ordering
        }
        if (annotation instanceof LogicalTypeAnnotation.DecimalLogicalTypeAnnotation decimal) {
            int scale = decimal.getScale();
            if (value instanceof Integer i) {
                return BigDecimal.valueOf(i, scale);
            }
            if (value instanceof Long l) {
                return BigDecimal.valueOf(l, scale);
            }
            return new BigDecimal(new BigInteger(((Binary) value).getBytes()), scale);
        }
        return switch (type.getPrimitiveTypeName()) {
            case BOOLEAN -> value;
            case INT32 -> int32(annotation, (Integer) value);
            case INT64 -> int64(annotation, (Long) value);
            case FLOAT, DOUBLE -> {
                double d = ((Number) value).doubleValue();
                yield Double.isNaN(d) ? null : d;
            }
            case BINARY, FIXED_LEN_BYTE_ARRAY -> isText(annotation)
                    ? new String(((Binary) value).getBytes(), StandardCharsets.UTF_8) : ((Binary) value).getBytes();
            case INT96 -> null;
        };
    }

    private static Object int32(LogicalTypeAnnotation annotation, int value) {
        if (annotation instanceof LogicalTypeAnnotation.DateLogicalTypeAnnotation) {
            return value;
        }
        if (annotation instanceof LogicalTypeAnnotation.TimeLogicalTypeAnnotation) {
            return value * 1000L;
        }
        return (long) value;
    }

    private static Object int64(LogicalTypeAnnotation annotation, long value) {
        LogicalTypeAnnotation.TimeUnit unit = null;
        if (annotation instanceof LogicalTypeAnnotation.TimestampLogicalTypeAnnotation ts) {
            unit = ts.getUnit();
        } else if (annotation instanceof LogicalTypeAnnotation.TimeLogicalTypeAnnotation time) {
            unit = time.getUnit();
        }
        if (unit == LogicalTypeAnnotation.TimeUnit.MILLIS) {
            return value * 1000;
        }
        if (unit == LogicalTypeAnnotation.TimeUnit.NANOS) {
            return Math.floorDiv(value, 1000L);
        }
        return value;
    }

    private static boolean isText(LogicalTypeAnnotation annotation) {
        return annotation instanceof LogicalTypeAnnotation.StringLogicalTypeAnnotation
                || annotation instanceof LogicalTypeAnnotation.EnumLogicalTypeAnnotation
                || annotation instanceof LogicalTypeAnnotation.JsonLogicalTypeAnnotation;
    }
}
