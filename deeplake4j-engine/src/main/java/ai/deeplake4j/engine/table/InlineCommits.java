package ai.deeplake4j.engine.table;

import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.iceberg.SnapshotUpdate;

/**
 * Makes an Iceberg commit do its manifest work on the calling thread. By default Iceberg hands
 * each manifest read and write to its shared worker pool and polls the tasks every 10 ms
 * ({@code Tasks.waitFor}); a commit adding one data file then spent 20-40 ms sleeping. Our commits
 * touch a handful of manifests, so running them in turn is faster, and it keeps a commit's work on
 * the thread (and core) that asked for it.
 */
public final class InlineCommits {
    /** Runs each task on the thread submitting it. */
    public static final ExecutorService CALLER = new CallerExecutor();

    private InlineCommits() {
    }

    /** The update, set to scan and write manifests on the calling thread. */
    public static <T extends SnapshotUpdate<T>> T inline(T update) {
        return update.scanManifestsWith(CALLER).writeManifestsWith(CALLER, 1);
    }

    /** An executor that never queues: {@code execute} runs the task before it returns. Never shuts down. */
    private static final class CallerExecutor extends AbstractExecutorService {
        @Override
        public void execute(Runnable task) {
            task.run();
        }

        @Override
        public void shutdown() {
            // shared by every commit: nothing to stop
        }

        @Override
        public List<Runnable> shutdownNow() {
            return List.of();
        }

        @Override
        public boolean isShutdown() {
            return false;
        }

        @Override
        public boolean isTerminated() {
            return false;
        }

        @Override
        public boolean awaitTermination(long timeout, TimeUnit unit) {
            return false;
        }
    }
}
