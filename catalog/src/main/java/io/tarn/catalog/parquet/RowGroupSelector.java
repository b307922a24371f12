package io.tarn.catalog.parquet;

import org.apache.parquet.hadoop.metadata.BlockMetaData;

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

    /** The row groups starting inside {@code [start, start + length)}, as Iceberg splits files. */
    static RowGroupSelector byteRange(long start, long length) {
        return (index, rowGroup) -> rowGroup.getStartingPos() >= start && rowGroup.getStartingPos() < start + length;
    }
}
