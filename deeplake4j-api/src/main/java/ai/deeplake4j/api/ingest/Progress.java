package ai.deeplake4j.api.ingest;

/**
 * Ingest progress, as Deeplake's {@code on_progress(rows_written, total)}.
 *
 * @param rowsWritten rows handed to the table so far (committed or about to be)
 * @param totalRows   rows expected in all, or -1 while unknown (files are normalized as they go)
 * @param filesDone   input files fully normalized (0 for column data)
 * @param filesTotal  input files in the call (0 for column data)
 */
public record Progress(long rowsWritten, long totalRows, int filesDone, int filesTotal) {
}
