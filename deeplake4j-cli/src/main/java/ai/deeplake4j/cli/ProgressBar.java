package ai.deeplake4j.cli;

import ai.deeplake4j.api.ingest.Progress;
import ai.deeplake4j.api.ingest.ProgressListener;
import java.io.PrintStream;

/**
 * A one-line progress bar on a terminal (stderr), redrawn at most every 100 ms: files done of
 * total, rows written, and rows per second. Prints nothing when stderr is not a terminal.
 */
final class ProgressBar implements ProgressListener {
    private static final int WIDTH = 30;
    private final PrintStream out;
    private final boolean enabled;
    private final long started = System.nanoTime();
    private long lastDraw;
    private Progress last;

    ProgressBar(PrintStream out, boolean enabled) {
        this.out = out;
        this.enabled = enabled;
    }

    @Override
    public void onProgress(Progress p) {
        last = p;
        long now = System.nanoTime();
        if (enabled && now - lastDraw > 100_000_000L) {
            lastDraw = now;
            draw(p, now);
        }
    }

    private void draw(Progress p, long now) {
        double fraction = p.filesTotal() > 0 ? (double) p.filesDone() / p.filesTotal()
                : p.totalRows() > 0 ? (double) p.rowsWritten() / p.totalRows() : 0;
        int filled = (int) Math.round(fraction * WIDTH);
        double seconds = Math.max(1e-9, (now - started) / 1e9);
        StringBuilder line = new StringBuilder("\r[").append("#".repeat(filled)).append(" ".repeat(WIDTH - filled)).append("] ");
        if (p.filesTotal() > 0) {
            line.append(p.filesDone()).append('/').append(p.filesTotal()).append(" files, ");
        }
        line.append(p.rowsWritten()).append(p.totalRows() > 0 ? "/" + p.totalRows() : "").append(" rows, ")
                .append(String.format("%.0f rows/s", p.rowsWritten() / seconds));
        out.print(line);
        out.flush();
    }

    /** Draws the final state and ends the line. */
    void finish() {
        if (enabled && last != null) {
            draw(last, System.nanoTime());
            out.println();
        }
    }
}
