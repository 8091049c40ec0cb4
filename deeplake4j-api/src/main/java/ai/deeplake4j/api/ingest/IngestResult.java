package ai.deeplake4j.api.ingest;

import java.util.List;

/**
 * What {@code ingest} returns (Deeplake: {@code {table_name, row_count, dataset_path}}).
 *
 * @param tableName   the table written
 * @param rowCount    rows this call added
 * @param datasetPath {@code al://<workspace>/<table>}
 * @param skipped     files skipped because they failed (only with skipFailedFiles), in input order
 */
public record IngestResult(String tableName, long rowCount, String datasetPath, List<SkippedFile> skipped) {
    public IngestResult {
        skipped = List.copyOf(skipped);
    }
}
