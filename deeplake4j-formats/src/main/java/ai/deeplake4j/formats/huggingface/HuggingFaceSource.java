package ai.deeplake4j.formats.huggingface;

import ai.deeplake4j.api.ingest.Format;
import ai.deeplake4j.api.ingest.IngestOptions;
import ai.deeplake4j.ingest.pipeline.DatasetSource;
import java.util.List;
import java.util.Map;

/**
 * The {@code {"_huggingface": name}} case of {@code ingest} (ARCHITECTURE 2.1, 2.6), registered in
 * {@code META-INF/services} so the ingest pipeline finds it when deeplake4j-formats is on the class
 * path. Options come from the data map ({@link HuggingFaceDataset}); files are found by
 * {@link ParquetLocator} (local directory, hub cache, download from {@link HubSettings#endpoint()})
 * and read by {@link HuggingFaceParquet}.
 *
 * <pre>{@code
 * client.ingest("mnist", Map.of("_huggingface", List.of("ylecun/mnist"), "_split", List.of("test")));
 * }</pre>
 */
public final class HuggingFaceSource implements DatasetSource {
    private final HubSettings settings;

    /** With {@link HubSettings#fromEnvironment()}, read at each ingest. */
    public HuggingFaceSource() {
        this(null);
    }

    /** @param settings fixed settings, or null to read the environment at each ingest */
    public HuggingFaceSource(HubSettings settings) {
        this.settings = settings;
    }

    @Override
    public String key() {
        return HuggingFaceDataset.KEY;
    }

    /** @throws ai.deeplake4j.api.error.IngestException when the dataset cannot be found or fetched */
    @Override
    public Format open(Map<String, ? extends List<?>> data, IngestOptions options) {
        HuggingFaceDataset ds = HuggingFaceDataset.fromData(data);
        HubSettings s = settings != null ? settings : HubSettings.fromEnvironment();
        return new HuggingFaceParquet(new ParquetLocator(s).locate(ds), ds.name());
    }
}
