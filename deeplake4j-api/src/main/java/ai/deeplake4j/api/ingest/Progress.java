package ai.deeplake4j.api.ingest;

/**
 * Ingest progress, as Deeplake's {@code on_progress(rows_written, total)}.
 *
 * @param rowsWritten rows handed to the table so far (committed or about to be)
 * @param totalRows   rows expected in all: exact for column data; for files the rows of the files
 *                    done plus an estimate for the rest (text size, PDF pages, video duration),
 *                    never below {@code rowsWritten}, and equal to it once the last file is done
 * @param filesDone   input files fully normalized (0 for column data)
 * @param filesTotal  input files in the call (0 for column data)
 */
public record Progress(long rowsWritten, long totalRows, int filesDone, int filesTotal) {
}
