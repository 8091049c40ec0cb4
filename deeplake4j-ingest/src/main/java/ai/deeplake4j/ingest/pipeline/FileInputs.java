package ai.deeplake4j.ingest.pipeline;

import ai.deeplake4j.api.error.IngestException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Resolves the values of a FILE column into files: a directory means its files, recursively, sorted. */
final class FileInputs {
    private FileInputs() {
    }

    /** One resolved file and the input row (of the data) it came from. */
    record Input(Path path, int dataRow) {
    }

    /** @throws IngestException "File not found: ..." for a path that does not exist */
    static List<Input> resolve(String column, List<?> values) {
        List<Input> out = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            Object v = values.get(i);
            if (v == null) {
                throw new IngestException("Column '" + column + "' row " + i + ": file path is null.");
            }
            Path p = v instanceof Path path ? path : Path.of(v.toString());
            if (!Files.exists(p)) {
                throw new IngestException("File not found: " + p);
            }
            if (Files.isDirectory(p)) {
                try (Stream<Path> walk = Files.walk(p)) {
                    int row = i;
                    walk.filter(Files::isRegularFile).sorted().forEach(f -> out.add(new Input(f, row)));
                } catch (IOException | UncheckedIOException e) {
                    throw new IngestException("Cannot list directory " + p + ": " + e.getMessage(), e);
                }
            } else if (!Files.isReadable(p)) {
                throw new IngestException("File is not readable: " + p);
            } else {
                out.add(new Input(p, i));
            }
        }
        if (out.isEmpty()) {
            throw new IngestException("Column '" + column + "' names no files to ingest.");
        }
        return out;
    }
}
