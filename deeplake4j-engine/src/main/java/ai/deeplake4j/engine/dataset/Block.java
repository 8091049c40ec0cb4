package ai.deeplake4j.engine.dataset;

/**
 * A run of rows within one data file: Parquet row numbers {@code [start, end)}, of which
 * {@code rows} are in the dataset (fewer than {@code end - start} under a filter). Blocks are the
 * unit of shuffling and sharding.
 *
 * @param file  index into the dataset's file list
 * @param start first Parquet row number
 * @param end   row number after the last
 * @param rows  rows of the block that the dataset holds
 */
record Block(int file, long start, long end, int rows) {
    /**
     * Rows per block: one Parquet row group, so a block read decodes only its own rows; small
     * enough to shuffle well, large enough that a read is not dominated by query overhead.
     */
    static final int ROWS = ai.deeplake4j.engine.table.DataFileOutput.ROW_GROUP_ROWS;

    /** True when {@code next} continues this block in the same file. */
    boolean adjacentTo(Block next) {
        return next.file == file && next.start == end;
    }
}
