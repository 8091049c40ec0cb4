package ai.deeplake4j.engine.lake;

import java.io.File;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.iceberg.io.FileIO;
import org.apache.iceberg.io.InputFile;
import org.apache.iceberg.io.OutputFile;
import org.apache.iceberg.io.PositionOutputStream;
import org.apache.iceberg.io.SupportsBulkOperations;

/**
 * Iceberg {@link FileIO} on the local file system without Hadoop (ARCHITECTURE D3). Every file
 * written is fsynced on close, so a snapshot that names it survives a power cut or SIGKILL.
 *
 * <p>It supports bulk deletes so that Iceberg deletes old metadata files and expired files on the
 * calling thread: without it Iceberg hands each delete to its shared worker pool and polls for
 * completion every 10 ms, which cost about 10 ms per commit.
 */
public class LocalFileIO implements FileIO, SupportsBulkOperations {
    /** The files created on this thread while a {@link #recordCreatedFiles()} scope is open. */
    private static final ThreadLocal<List<String>> CREATED = new ThreadLocal<>();

    /** The locations of the files a block of code created; see {@link #recordCreatedFiles()}. */
    public static final class CreatedFiles implements AutoCloseable {
        private final List<String> previous;
        private final List<String> created = new ArrayList<>();

        private CreatedFiles() {
            this.previous = CREATED.get();
            CREATED.set(created);
        }

        /** The locations, in the order the files were opened for writing. */
        public List<String> locations() {
            return List.copyOf(created);
        }

        @Override
        public void close() {
            if (previous == null) {
                CREATED.remove();
            } else {
                previous.addAll(created);
                CREATED.set(previous);
            }
        }
    }

    /**
     * Starts recording the files that any {@code LocalFileIO} creates on the calling thread until
     * the returned scope is closed (scopes nest). A catalog uses it to learn which metadata file a
     * commit attempt wrote, since Iceberg's JDBC table operations do not say.
     */
    public static CreatedFiles recordCreatedFiles() {
        return new CreatedFiles();
    }

    @Override
    public InputFile newInputFile(String path) {
        return org.apache.iceberg.Files.localInput(local(path));
    }

    @Override
    public OutputFile newOutputFile(String path) {
        List<String> created = CREATED.get();
        if (created != null) {
            created.add(path);
        }
        return new SyncedOutputFile(local(path));
    }

    @Override
    public void deleteFile(String path) {
        try {
            Files.deleteIfExists(local(path).toPath());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete " + path, e);
        }
    }

    /**
     * Deletes each file in turn; a missing file counts as deleted.
     *
     * @throws BulkDeletionFailureException naming how many files could not be deleted
     */
    @Override
    public void deleteFiles(Iterable<String> paths) throws org.apache.iceberg.io.BulkDeletionFailureException {
        int failed = 0;
        for (String path : paths) {
            try {
                Files.deleteIfExists(local(path).toPath());
            } catch (IOException e) {
                failed++;
            }
        }
        if (failed > 0) {
            throw new org.apache.iceberg.io.BulkDeletionFailureException(failed);
        }
    }

    /** The local file of an Iceberg location: a plain path or a {@code file:} URI. */
    public static File local(String path) {
        return path.startsWith("file:") ? Path.of(java.net.URI.create(path)).toFile() : new File(path);
    }

    /** Writes through a {@link FileOutputStream} and forces it to disk before closing. */
    private record SyncedOutputFile(File file) implements OutputFile {
        @Override
        public PositionOutputStream create() {
            if (file.exists()) {
                throw new org.apache.iceberg.exceptions.AlreadyExistsException("File already exists: %s", file);
            }
            return createOrOverwrite();
        }

        @Override
        public PositionOutputStream createOrOverwrite() {
            try {
                Files.createDirectories(file.toPath().getParent());
                return new SyncedStream(new FileOutputStream(file));
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot create " + file, e);
            }
        }

        @Override
        public String location() {
            return file.getPath();
        }

        @Override
        public InputFile toInputFile() {
            return org.apache.iceberg.Files.localInput(file);
        }
    }

    private static final class SyncedStream extends PositionOutputStream {
        private final FileOutputStream out;
        private long pos;
        private boolean closed;

        SyncedStream(FileOutputStream out) {
            this.out = out;
        }

        @Override
        public long getPos() {
            return pos;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            pos++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            pos += len;
        }

        @Override
        public void close() throws IOException {
            if (closed) {
                return; // Iceberg may close twice; the second sync would fail on a closed descriptor
            }
            closed = true;
            out.flush();
            out.getFD().sync();
            out.close();
        }
    }
}
