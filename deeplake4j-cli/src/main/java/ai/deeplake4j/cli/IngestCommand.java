package ai.deeplake4j.cli;

import ai.deeplake4j.api.Client;
import ai.deeplake4j.api.ingest.IngestOptions;
import ai.deeplake4j.api.ingest.IngestResult;
import ai.deeplake4j.api.ingest.SkippedFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code deeplake4j ingest TABLE PATH...}: files (a directory means its files, recursively) into a
 * table; or, with {@code --format}, a dataset layout (COCO, COCO panoptic, LeRobot, Hugging Face),
 * where PATH is optional.
 */
@Command(name = "ingest", mixinStandardHelpOptions = true,
        description = "Ingest files, or a dataset with --format, into TABLE (created if missing, appended to otherwise).")
final class IngestCommand implements Callable<Integer> {
    @Mixin
    LakeOptions lake;

    @Parameters(index = "0", paramLabel = "TABLE", description = "Table name.")
    String table;

    @Parameters(index = "1..*", arity = "0..*", paramLabel = "PATH",
            description = "Files or directories (required without --format).")
    List<Path> paths = new ArrayList<>();

    @Mixin
    FormatArgs formatArgs;

    @Option(names = "--schema", paramLabel = "COL=TYPE", description = "Column type, e.g. emb=EMBEDDING(384). Repeatable.")
    Map<String, String> schema = new LinkedHashMap<>();

    @Option(names = "--chunk-size", paramLabel = "N", description = "Text chunk length in characters (default: ${DEFAULT-VALUE}).")
    int chunkSize = IngestOptions.DEFAULT_CHUNK_SIZE;

    @Option(names = "--chunk-overlap", paramLabel = "N", description = "Characters shared by consecutive chunks (default: ${DEFAULT-VALUE}).")
    int chunkOverlap = IngestOptions.DEFAULT_CHUNK_OVERLAP;

    @Option(names = "--pdf-dpi", paramLabel = "N", description = "PDF page render resolution in dots per inch (default: ${DEFAULT-VALUE}).")
    int pdfDpi = IngestOptions.DEFAULT_PDF_DPI;

    @Option(names = "--index", paramLabel = "COL[=TYPE]", description = "Build a search index on COL after the ingest "
            + "(TYPE: bm25, inverted, exact_text for text; clustered, clustered_quantized, pooled_quantized for embeddings; "
            + "default by column type). Repeatable.")
    List<String> indexes = new ArrayList<>();

    @Option(names = "--workers", paramLabel = "N", description = "Normalization threads (default: ${DEFAULT-VALUE}).")
    int workers = IngestOptions.DEFAULT_NORMALIZATION_WORKERS;

    @Option(names = "--skip-failed", description = "Skip files that fail and list them, instead of stopping.")
    boolean skipFailed;

    @Option(names = "--json", description = "Print the result as JSON.")
    boolean json;

    @Override
    public Integer call() {
        ProgressBar bar = new ProgressBar(System.err, System.console() != null && !json);
        IngestOptions.Builder options = IngestOptions.builder().chunkSize(chunkSize).chunkOverlap(chunkOverlap)
                .pdfDpi(pdfDpi).normalizationWorkers(workers).skipFailedFiles(skipFailed).onProgress(bar);
        for (String index : indexes) {
            int eq = index.indexOf('=');
            if (eq < 0) {
                options.index(index);
            } else {
                options.index(index.substring(0, eq), index.substring(eq + 1));
            }
        }
        Map<String, ? extends List<?>> data;
        if (!formatArgs.given()) {
            if (paths.isEmpty()) {
                throw new IllegalArgumentException("give at least one PATH, or a --format");
            }
            options.schema("path", "FILE");
            List<String> files = new ArrayList<>();
            paths.forEach(p -> files.add(p.toString()));
            data = Map.of("path", files);
        } else if (formatArgs.isHuggingFace()) {
            data = formatArgs.huggingFaceData(paths);
        } else {
            options.format(formatArgs.toFormat(paths));
            data = null;
        }
        schema.forEach(options::schema);
        IngestResult result;
        try (Client client = lake.open()) {
            result = client.ingest(table, data, options.build());
        } finally {
            bar.finish();
        }
        if (json) {
            System.out.println(Json.write(result));
        } else {
            System.out.println("Ingested " + result.rowCount() + " rows into " + result.tableName() + " (" + result.datasetPath() + ")");
            for (SkippedFile s : result.skipped()) {
                System.out.println("  skipped " + s.path() + ": " + s.reason());
            }
        }
        return 0;
    }
}
