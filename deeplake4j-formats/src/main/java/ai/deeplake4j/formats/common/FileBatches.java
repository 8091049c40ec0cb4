package ai.deeplake4j.formats.common;

import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The column batches of several Parquet files in order, opening each file only when the previous
 * one is exhausted (a file that {@code open} skips yields null and is passed over), so a dataset
 * of many files never has more than one open.
 */
public final class FileBatches implements Iterator<Map<String, List<?>>> {
    private final List<Path> files;
    private final Function<Path, ResultBatches> open;
    private final BiFunction<Map<String, List<?>>, Path, Map<String, List<?>>> check;
    private final int batchRows;
    private int nextFile;
    private ResultBatches current;
    private Path currentFile;
    private Map<String, List<?>> ready;

    /**
     * @param open      opens a file's rows, or returns null to skip it
     * @param check     validates (or rewrites) each batch of a file; may throw naming the file
     * @param batchRows rows per batch
     */
    public FileBatches(List<Path> files, Function<Path, ResultBatches> open,
                       BiFunction<Map<String, List<?>>, Path, Map<String, List<?>>> check, int batchRows) {
        this.files = files;
        this.open = open;
        this.check = check;
        this.batchRows = batchRows;
    }

    @Override
    public boolean hasNext() {
        while (ready == null) {
            if (current == null) {
                if (nextFile >= files.size()) {
                    return false;
                }
                currentFile = files.get(nextFile++);
                current = open.apply(currentFile);
                continue;
            }
            Map<String, List<?>> b = current.next(batchRows);
            if (b == null) {
                current = null;
            } else {
                ready = check.apply(b, currentFile);
            }
        }
        return true;
    }

    @Override
    public Map<String, List<?>> next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        Map<String, List<?>> b = ready;
        ready = null;
        return b;
    }
}
