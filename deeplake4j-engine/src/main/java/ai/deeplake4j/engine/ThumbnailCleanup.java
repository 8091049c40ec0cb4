package ai.deeplake4j.engine;

import ai.deeplake4j.engine.sql.QueryEngine;
import ai.deeplake4j.engine.table.LakeTable;
import ai.deeplake4j.engine.table.Sql;
import ai.deeplake4j.ingest.pipeline.IngestPipeline;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes a dropped table's rows of the workspace's thumbnails table (ARCHITECTURE 2.5), so they
 * do not outlive it: thumbnails are keyed by {@code file_id}, which is unique to one ingest and so
 * to one table. Runs as a drop listener of the {@link QueryEngine}, before the table's files go.
 * Thumbnails are derived data: when the delete fails, the drop still happens and the log says so.
 */
final class ThumbnailCleanup {
    private static final Logger LOG = LoggerFactory.getLogger(ThumbnailCleanup.class);
    private static final String FILE_ID = "file_id";

    private final QueryEngine engine;

    ThumbnailCleanup(QueryEngine engine) {
        this.engine = engine;
    }

    void beforeDrop(String table) {
        String thumbnails = IngestPipeline.THUMBNAILS_TABLE;
        if (table.equalsIgnoreCase(thumbnails)) {
            return;
        }
        LakeTable dropped = engine.lake().load(engine.namespace(), table);
        if (dropped == null || dropped.schema().indexOf(FILE_ID) < 0
                || engine.lake().load(engine.namespace(), thumbnails) == null) {
            return;
        }
        try {
            engine.execute("DELETE FROM " + Sql.identifier(thumbnails) + " WHERE file_id IN (SELECT CAST(file_id AS VARCHAR) FROM "
                    + Sql.identifier(table) + ")");
        } catch (RuntimeException e) {
            LOG.warn("The thumbnails of table {} stay in the {} table: deleting them failed: {}", table, thumbnails, e.getMessage());
        }
    }
}
