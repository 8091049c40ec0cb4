package ai.deeplake4j.api.ingest;

/** Receives {@link Progress} during an ingest; called from the ingesting thread, keep it quick. */
@FunctionalInterface
public interface ProgressListener {
    void onProgress(Progress progress);
}
