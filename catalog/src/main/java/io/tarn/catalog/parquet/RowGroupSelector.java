package io.tarn.catalog.parquet;

import io.tarn.catalog.spi.ColumnConstraint;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;

import java.util.List;
import java.util.function.BiFunction;

/** Chooses which row groups of a file a reader reads. */
@FunctionalInterface
public interface RowGroupSelector {

    boolean select(int index, BlockMetaData rowGroup);

    RowGroupSelector ALL = (index, rowGroup) -> true;

    /** The row groups with these indexes. */
    static RowGroupSelector indexes(int[] indexes) {
        int[] copy = indexes.clone();
        return (index, rowGroup) -> {
            for (int candidate : copy) {
                if (candidate == index) {
                    return true;
                }
            }
            return false;
        };
    }

    /** The row groups both selectors choose. */
    default RowGroupSelector and(RowGroupSelector other) {
        return (index, rowGroup) -> select(index, rowGroup) && other.select(index, rowGroup);
    }

    /**
     * The row groups whose column statistics do not rule out any of the constraints; {@code chunkOf} finds a
     * constraint's column (a table column index) in a row group, or null when it cannot be checked there.
     */
    static RowGroupSelector statisticsMatch(List<ColumnConstraint> constraints,
                                            BiFunction<BlockMetaData, Integer, ColumnChunkMetaData> chunkOf) {
        return (index, rowGroup) -> StatisticsPruning.rowGroupMightMatch(constraints, rowGroup,
                column -> chunkOf.apply(rowGroup, column));
    }

    /** The row groups starting inside {@code [start, start + length)}, as Iceberg splits files. */
    static RowGroupSelector byteRange(long start, long length) {
        return (index, rowGroup) -> rowGroup.getStartingPos() >= start && rowGroup.getStartingPos() < start + length;
    }
}
