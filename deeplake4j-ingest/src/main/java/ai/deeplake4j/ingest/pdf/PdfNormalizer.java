package ai.deeplake4j.ingest.pdf;

import ai.deeplake4j.api.schema.ColumnType;
import ai.deeplake4j.api.schema.TypeKind;
import ai.deeplake4j.ingest.normalize.NormalizeContext;
import ai.deeplake4j.ingest.normalize.Normalizer;
import ai.deeplake4j.ingest.normalize.RowSink;
import ai.deeplake4j.ingest.normalize.SourceFile;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SequencedMap;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;

/**
 * PDF files (ARCHITECTURE 2.5): one row per page, in order, with {@code page_index} (INT64, from
 * 0), {@code image} (IMAGE: the page rendered at the ingest's {@code pdf_dpi}, default 150, as
 * PNG; see {@link PageImageEncoder}) and {@code text} (TEXT: that page's extracted text).
 *
 * <p>Pages are streamed: each row goes to the sink before the next page is rendered, so a
 * 300-page document never sits in memory as rows. Opening and every page run under a time limit
 * (default 60 s each) on a helper thread, so a damaged or hostile file fails with an
 * {@link IOException} naming the page instead of hanging a worker. A document that cannot be
 * parsed, is password-protected, or has no pages is an {@link IOException} with that reason.
 * Stateless and thread-safe.
 */
public final class PdfNormalizer implements Normalizer {
    /** Default limit for opening the document and, separately, for each page. */
    public static final Duration DEFAULT_STEP_TIMEOUT = Duration.ofSeconds(60);

    private static final Set<String> EXTENSIONS = Set.of("pdf");
    private static final SequencedMap<String, ColumnType> COLUMNS = Normalizer.columnsOf(
            "page_index", ColumnType.of(TypeKind.INT64),
            "image", ColumnType.of(TypeKind.IMAGE),
            "text", ColumnType.of(TypeKind.TEXT));

    private final Duration stepTimeout;

    /** With {@link #DEFAULT_STEP_TIMEOUT}. */
    public PdfNormalizer() {
        this(DEFAULT_STEP_TIMEOUT);
    }

    /** @param stepTimeout limit for opening the document and for each page, > 0 */
    public PdfNormalizer(Duration stepTimeout) {
        if (stepTimeout.isNegative() || stepTimeout.isZero()) {
            throw new IllegalArgumentException("stepTimeout must be > 0, got " + stepTimeout);
        }
        this.stepTimeout = stepTimeout;
    }

    @Override
    public Set<String> extensions() {
        return EXTENSIONS;
    }

    @Override
    public SequencedMap<String, ColumnType> columns() {
        return COLUMNS;
    }

    /**
     * @throws IOException when the file cannot be parsed ("not a readable PDF: ..."), needs a
     *         password, has no pages, a page fails to render, or a step exceeds its time limit
     */
    /** The page count (PDFBox reads the document's page tree, not its pages). */
    @Override
    public long estimateRows(java.nio.file.Path file, ai.deeplake4j.api.ingest.IngestOptions options) {
        try (PDDocument doc = Loader.loadPDF(file.toFile())) {
            return Math.max(1, doc.getNumberOfPages());
        } catch (IOException | RuntimeException e) {
            return 1;
        }
    }

    @Override
    public void normalize(SourceFile file, NormalizeContext context, RowSink sink) throws IOException {
        int dpi = context.options().pdfDpi();
        // One helper thread per document: PDFBox work is confined to it (PDDocument is not
        // thread-safe) and the caller can stop waiting when a step overruns.
        ExecutorService helper = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "pdf-" + file.path().getFileName());
            t.setDaemon(true);
            return t;
        });
        PDDocument document = null;
        try {
            document = timed(helper, () -> open(file), "opening the document");
            PDDocument doc = document;
            int pages = doc.getNumberOfPages();
            if (pages == 0) {
                throw new IOException("PDF has no pages");
            }
            PageRenderer renderer = timed(helper, () -> new PageRenderer(doc, dpi), "preparing the renderer");
            for (int i = 0; i < pages; i++) {
                int index = i;
                PdfPage page = timed(helper, () -> renderer.render(index), "page " + (index + 1) + " of " + pages);
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("page_index", (long) page.index());
                row.put("image", page.image());
                row.put("text", page.text());
                sink.accept(row);
            }
        } finally {
            helper.shutdownNow();
            if (document != null) {
                // Closing releases the file even when a timed-out step is still running on the
                // helper; that step then fails on the closed source and its thread ends.
                document.close();
            }
        }
    }

    private static PDDocument open(SourceFile file) throws IOException {
        try {
            return Loader.loadPDF(file.path().toFile());
        } catch (InvalidPasswordException e) {
            throw new IOException("PDF is password-protected; decrypt it before ingesting", e);
        } catch (IOException | RuntimeException e) {
            throw new IOException("not a readable PDF: " + e.getMessage(), e);
        }
    }

    private <T> T timed(ExecutorService helper, Callable<T> step, String what) throws IOException {
        Future<T> future = helper.submit(step);
        try {
            return future.get(stepTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new IOException("PDF " + what + " took longer than " + stepTimeout.toMillis()
                    + " ms; the file is probably damaged", e);
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while " + what);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io && what.startsWith("opening")) {
                throw io;
            }
            throw new IOException("PDF " + what + " failed: " + cause, cause);
        }
    }
}
