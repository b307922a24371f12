package io.tarn.catalog.parquet;

import io.tarn.catalog.spi.ColumnConstraint;
import org.apache.parquet.filter2.columnindex.RowRanges;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;

import java.io.IOException;
import java.util.List;
import java.util.function.BiFunction;

/** Chooses which row groups of a file a reader reads, and which rows of them. */
@FunctionalInterface
public interface RowGroupSelector {

    boolean select(int index, BlockMetaData rowGroup);

    /**
     * The rows of a chosen row group that may be needed, from its page indexes (read through {@code file}), or null
     * when that is all of them.
     */
    default RowRanges rows(BlockMetaData rowGroup, ParquetFileReader file) throws IOException {
        return null;
    }

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

    /** The row groups both selectors choose, and the rows of them both choose. */
    default RowGroupSelector and(RowGroupSelector other) {
        RowGroupSelector first = this;
        return new RowGroupSelector() {
            @Override
            public boolean select(int index, BlockMetaData rowGroup) {
                return first.select(index, rowGroup) && other.select(index, rowGroup);
            }

            @Override
            public RowRanges rows(BlockMetaData rowGroup, ParquetFileReader file) throws IOException {
                RowRanges mine = first.rows(rowGroup, file);
                RowRanges theirs = other.rows(rowGroup, file);
                return mine == null ? theirs : theirs == null ? mine : RowRanges.intersection(mine, theirs);
            }
        };
    }

    /**
     * The row groups whose column statistics do not rule out any of the constraints, and of them the rows whose pages'
     * statistics (ColumnIndex) do not; {@code chunkOf} finds a constraint's column (a table column index) in a row
     * group, or null when it cannot be checked there.
     */
    static RowGroupSelector statisticsMatch(List<ColumnConstraint> constraints,
                                            BiFunction<BlockMetaData, Integer, ColumnChunkMetaData> chunkOf) {
        return new RowGroupSelector() {
            @Override
            public boolean select(int index, BlockMetaData rowGroup) {
                return StatisticsPruning.rowGroupMightMatch(constraints, rowGroup, column -> chunkOf.apply(rowGroup, column));
            }

            @Override
            public RowRanges rows(BlockMetaData rowGroup, ParquetFileReader file) throws IOException {
                return StatisticsPruning.pagesMightMatch(constraints, rowGroup, column -> chunkOf.apply(rowGroup, column), file);
            }
        };
    }

    /** The row groups starting inside {@code [start, start + length)}, as Iceberg splits files. */
    static RowGroupSelector byteRange(long start, long length) {
        return (index, rowGroup) -> rowGroup.getStartingPos() >= start && rowGroup.getStartingPos() < start + length;
    }
}
