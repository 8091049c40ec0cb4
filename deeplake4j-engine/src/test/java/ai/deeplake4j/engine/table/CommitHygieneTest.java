package ai.deeplake4j.engine.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.deeplake4j.api.error.TableException;
import ai.deeplake4j.engine.EmbeddedClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.iceberg.BaseTable;
import org.apache.iceberg.HasTableOperations;
import org.apache.iceberg.TableMetadata;
import org.apache.iceberg.TableOperations;
import org.apache.iceberg.TableProperties;
import org.apache.iceberg.exceptions.CommitFailedException;
import org.apache.iceberg.exceptions.CommitStateUnknownException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the writer does with its data files when a commit fails (issue 11, point 7). The table is a
 * real Iceberg table of a real lake; only its catalog commit is replaced by one that throws, since
 * a commit whose outcome is really unknown (a catalog connection lost mid-commit) cannot be
 * produced on demand.
 */
class CommitHygieneTest {
    @TempDir
    Path lake;

    /** The table's own operations, except that every commit throws {@code failure}. */
    private static final class FailingCommits extends ai.deeplake4j.engine.lake.ForwardingTableOperations {
        private final RuntimeException failure;

        FailingCommits(TableOperations delegate, RuntimeException failure) {
            super(delegate);
            this.failure = failure;
        }

        @Override
        public void commit(TableMetadata base, TableMetadata metadata) {
            throw failure;
        }
    }

    private static LakeTable withFailingCommits(LakeTable table, RuntimeException failure) {
        TableOperations ops = ((HasTableOperations) table.iceberg()).operations();
        return new LakeTable(new BaseTable(new FailingCommits(ops, failure), table.iceberg().name()), table.lake());
    }

    private static List<Path> dataFiles(LakeTable t) throws Exception {
        Path dir = Path.of(t.dataLocation());
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.toList();
        }
    }

    @Test
    void commitWithUnknownOutcomeKeepsItsDataFileAndCloseThrows() throws Exception {
        try (EmbeddedClient client = EmbeddedClient.open(lake)) {
            client.query("CREATE TABLE t (id BIGINT)");
            LakeTable t = withFailingCommits(client.engine().table("t"),
                    new CommitStateUnknownException(new RuntimeException("catalog connection reset")));
            LakeTableWriter w = new LakeTableWriter(t, client.engine().newConnection());
            w.append(new Object[] {1L});
            w.commit();

            TableException failed = assertThrows(TableException.class, w::sync);

            assertTrue(failed.getMessage().contains("outcome of a commit to table 't' is unknown"), failed.getMessage());
            assertEquals(1, dataFiles(t).size(), "the file stays: a snapshot naming it may be in the table");
            TableException closed = assertThrows(TableException.class, w::close);
            assertTrue(closed.getMessage().contains("is unknown"), closed.getMessage());
        }
    }

    @Test
    void commitThatCertainlyFailedDeletesItsDataFileAndCloseThrows() throws Exception {
        try (EmbeddedClient client = EmbeddedClient.open(lake)) {
            client.query("CREATE TABLE t (id BIGINT)");
            LakeTable real = client.engine().table("t");
            real.iceberg().updateProperties().set(TableProperties.COMMIT_NUM_RETRIES, "0").commit();
            LakeTable t = withFailingCommits(real, new CommitFailedException("another writer won"));
            LakeTableWriter w = new LakeTableWriter(t, client.engine().newConnection());
            w.append(new Object[] {1L});
            w.commit();

            TableException failed = assertThrows(TableException.class, w::sync);

            assertTrue(failed.getMessage().contains("another writer won"), failed.getMessage());
            assertEquals(List.of(), dataFiles(t), "nothing references the file: it is deleted");
            TableException closed = assertThrows(TableException.class, w::close);
            assertTrue(closed.getMessage().contains("after a failed commit"), closed.getMessage());
            assertEquals(0, real.refresh().rowCount());
        }
    }

    @Test
    void closeAfterSuccessfulCommitsDoesNotThrow() {
        try (EmbeddedClient client = EmbeddedClient.open(lake)) {
            client.query("CREATE TABLE t (id BIGINT)");
            LakeTableWriter w = new LakeTableWriter(client.engine().table("t"), client.engine().newConnection());
            w.append(new Object[] {1L});
            w.commit();
            w.close();
            assertEquals(1, client.engine().table("t").rowCount());
        }
    }
}
