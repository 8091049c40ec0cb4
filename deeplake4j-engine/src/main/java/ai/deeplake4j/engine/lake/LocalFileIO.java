package ai.deeplake4j.engine.lake;

import java.io.File;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.iceberg.io.FileIO;
import org.apache.iceberg.io.InputFile;
import org.apache.iceberg.io.OutputFile;
import org.apache.iceberg.io.PositionOutputStream;

/**
 * Iceberg {@link FileIO} on the local file system without Hadoop (ARCHITECTURE D3). Every file
 * written is fsynced on close, so a snapshot that names it survives a power cut or SIGKILL.
 */
public class LocalFileIO implements FileIO {

    @Override
    public InputFile newInputFile(String path) {
        return org.apache.iceberg.Files.localInput(local(path));
    }

    @Override
    public OutputFile newOutputFile(String path) {
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
