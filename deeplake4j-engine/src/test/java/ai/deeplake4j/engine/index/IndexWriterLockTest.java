package ai.deeplake4j.engine.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.deeplake4j.engine.index.vector.VectorIndex;
import ai.deeplake4j.engine.search.ClusteredVectors;
import ai.deeplake4j.engine.search.VectorRow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two opens of one index (as two processes or two clients of a lake have): each searches the last
 * commit without the write lock; one change at a time takes the lock, and a second writer is told
 * who holds it.
 */
class IndexWriterLockTest {
    @TempDir
    Path dir;

    private final ClusteredVectors data = new ClusteredVectors(5, 10, 16, 0.4);

    @Test
    void aSecondOpenSearchesTheLastCommitWhileTheFirstWritesAndTakesTheLockAfterIt() {
        List<VectorRow> rows = data.rows(300);
        Path d = dir.resolve("e");
        try (VectorIndex first = VectorIndex.create(d, "embedding", IndexType.CLUSTERED, 16)) {
            first.add(rows.subList(0, 200));
            first.commit(1);
            try (VectorIndex second = VectorIndex.open(d)) {
                assertEquals(200, second.size());
                assertEquals(1, second.metadata().snapshotId());

                first.add(rows.subList(200, 300)); // takes the writer, uncommitted
                assertTrue(Files.exists(d.resolve(WriterOwner.FILE)), "the holder says who it is");
                assertEquals(200, second.size(), "the second open reads the last commit");
                assertEquals(rows.get(5).id(), second.search(rows.get(5).vector(), 1, null).getFirst().id());
                assertFalse(second.acquireWriter(Duration.ZERO), "one writer at a time");
                IndexBusyException busy = assertThrows(IndexBusyException.class, () -> second.acquireWriter(Duration.ofMillis(200)));
                assertTrue(busy.getMessage().contains("column embedding") && busy.getMessage().contains("pid "
                        + ProcessHandle.current().pid()), busy.getMessage());

                first.commit(2); // ends the change: releases the lock
                assertFalse(Files.exists(d.resolve(WriterOwner.FILE)));
                second.refreshIfBehind(2);
                assertEquals(300, second.size(), "the other's commit, after a refresh");
                assertEquals(2, second.metadata().snapshotId());
                assertEquals(rows.get(250).id(), second.search(rows.get(250).vector(), 1, null).getFirst().id());

                second.delete(List.of(rows.get(0).id()));
                second.commit(3);
                first.refresh();
                assertEquals(299, first.size());
                assertEquals(3, first.metadata().snapshotId());
            }
        }
    }

    @Test
    void aDropWaitsForTheWriterAndNamesItsHolder() {
        Path d = dir.resolve("t");
        try (VectorIndex writer = VectorIndex.create(d, "embedding", IndexType.CLUSTERED, 16)) {
            writer.add(data.rows(10)); // holds the lock until commit
            IndexBusyException busy = assertThrows(IndexBusyException.class, () -> LuceneStore.delete(d, "embedding"));
            assertTrue(busy.getMessage().contains("pid " + ProcessHandle.current().pid()), busy.getMessage());
            assertTrue(LuceneStore.holdsIndex(d));
            writer.abort();
        }
        LuceneStore.delete(d, "embedding");
        assertFalse(Files.exists(d));
    }
}
