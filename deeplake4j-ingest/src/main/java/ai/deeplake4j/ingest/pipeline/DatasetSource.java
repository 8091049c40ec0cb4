package ai.deeplake4j.ingest.pipeline;

import ai.deeplake4j.api.ingest.Format;
import ai.deeplake4j.api.ingest.IngestOptions;
import java.util.List;
import java.util.Map;

/**
 * A named dataset that {@code ingest} can read when its data map holds {@link #key()}, e.g.
 * {@code {"_huggingface": ["mnist"]}} (ARCHITECTURE 2.1 dispatch, second case). Implementations
 * live in other modules (deeplake4j-formats provides the Hugging Face one) and are found with
 * {@link java.util.ServiceLoader} through {@code META-INF/services/ai.deeplake4j.ingest.pipeline.DatasetSource},
 * so the ingest module needs no dependency on them.
 */
public interface DatasetSource {

    /** The data key selecting this source, e.g. {@code "_huggingface"}. */
    String key();

    /**
     * Opens the dataset the data map names as a {@link Format}; the pipeline then ingests it
     * like any format and closes it.
     *
     * @param data    the ingest call's data: {@link #key()} and the source's own option keys
     * @param options the ingest call's options
     * @throws ai.deeplake4j.api.error.IngestException when the dataset cannot be found or read,
     *         naming it
     */
    Format open(Map<String, ? extends List<?>> data, IngestOptions options);
}
