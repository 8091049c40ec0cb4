package ai.deeplake4j.formats.huggingface;

import ai.deeplake4j.api.error.IngestException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Finds the Parquet files of a dataset split, in this order:
 * <ol>
 * <li>a local directory: {@code name} itself when it is a directory;</li>
 * <li>the hub cache: {@code <hub cache>/datasets--owner--name/snapshots/<commit>/}, the commit read
 *     from {@code refs/<revision>} or {@code <revision>} used as the snapshot name;</li>
 * <li>files downloaded before into {@code <hub cache>/deeplake4j-parquet/...};</li>
 * <li>a download through the hub's Parquet listing ({@link ParquetDownloader}).</li>
 * </ol>
 * Within a directory the split's files are the {@code .parquet} files (recursively, in path
 * order) whose path has a directory named like the split ({@code <config>/<split>/0000.parquet},
 * the hub's Parquet conversion) or whose name starts with {@code <split>-} or {@code <split>.}
 * ({@code data/train-00000-of-00001.parquet}); when the config is not {@code default} and some of
 * them lie under a directory named like it, only those.
 */
final class ParquetLocator {
    private final HubSettings settings;

    ParquetLocator(HubSettings settings) {
        this.settings = settings;
    }

    /** @throws IngestException naming the dataset, split and places looked in when nothing is found */
    List<Path> locate(HuggingFaceDataset ds) {
        Path local = Path.of(ds.name());
        if (Files.isDirectory(local)) {
            List<Path> files = select(local, ds);
            if (files.isEmpty()) {
                throw new IngestException("Local dataset directory " + local + " has no Parquet files for split '" + ds.split()
                        + "' (looked for <split>/*.parquet and <split>-*.parquet).");
            }
            return files;
        }
        Path repo = settings.hubCache().resolve(HuggingFaceDataset.cacheName(ds.name()));
        Path snapshot = snapshot(repo, ds.revision());
        if (snapshot != null) {
            List<Path> files = select(snapshot, ds);
            if (!files.isEmpty()) {
                return files;
            }
        }
        Path downloaded = settings.downloadDir(ds);
        if (Files.isDirectory(downloaded)) {
            List<Path> files = select(downloaded.getParent().getParent(), ds);
            if (!files.isEmpty()) {
                return files;
            }
        }
        return new ParquetDownloader(settings).download(ds);
    }

    private static Path snapshot(Path repo, String revision) {
        Path ref = repo.resolve("refs").resolve(revision);
        try {
            if (Files.isRegularFile(ref)) {
                Path s = repo.resolve("snapshots").resolve(Files.readString(ref).trim());
                if (Files.isDirectory(s)) {
                    return s;
                }
            }
        } catch (IOException e) {
            throw new IngestException("Cannot read " + ref + ": " + e.getMessage(), e);
        }
        Path s = repo.resolve("snapshots").resolve(revision);
        return Files.isDirectory(s) ? s : null;
    }

    static List<Path> select(Path root, HuggingFaceDataset ds) {
        List<Path> all;
        try (Stream<Path> s = Files.walk(root)) {
            all = s.filter(p -> p.getFileName().toString().endsWith(".parquet")).sorted().toList();
        } catch (IOException e) {
            throw new IngestException("Cannot list " + root + ": " + e.getMessage(), e);
        }
        List<Path> split = new ArrayList<>();
        for (Path p : all) {
            Path rel = root.relativize(p);
            String file = rel.getFileName().toString();
            boolean inSplitDir = false;
            for (int i = 0; i < rel.getNameCount() - 1; i++) {
                inSplitDir |= rel.getName(i).toString().equals(ds.split());
            }
            if (inSplitDir || file.startsWith(ds.split() + "-") || file.startsWith(ds.split() + ".")) {
                split.add(p);
            }
        }
        if (!HuggingFaceDataset.DEFAULT_CONFIG.equals(ds.config())) {
            List<Path> config = split.stream().filter(p -> {
                Path rel = root.relativize(p);
                for (int i = 0; i < rel.getNameCount() - 1; i++) {
                    if (rel.getName(i).toString().equals(ds.config())) {
                        return true;
                    }
                }
                return false;
            }).toList();
            if (!config.isEmpty()) {
                return config;
            }
        }
        return split;
    }
}
