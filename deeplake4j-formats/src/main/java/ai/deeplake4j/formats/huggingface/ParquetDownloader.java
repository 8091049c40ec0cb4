package ai.deeplake4j.formats.huggingface;

import ai.deeplake4j.api.error.IngestException;
import ai.deeplake4j.formats.common.JsonFiles;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Fetches a split's Parquet files through the hub's Parquet listing:
 * {@code GET {endpoint}/api/datasets/{name}/parquet/{config}/{split}} answers a JSON array of file
 * URLs, each downloaded (to a temporary name, then moved) as {@code 0000.parquet}, {@code 0001.parquet}...
 * Files already downloaded are reused. Redirects are followed; timeouts: 30 s to connect, 10 min per file.
 */
final class ParquetDownloader {
    private final HubSettings settings;
    private final HttpClient http;

    ParquetDownloader(HubSettings settings) {
        this.settings = settings;
        this.http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(Duration.ofSeconds(30)).build();
    }

    /** @throws IngestException naming the dataset and URL on an HTTP or I/O failure */
    List<Path> download(HuggingFaceDataset ds) {
        String listing = settings.endpoint() + "/api/datasets/" + ds.name() + "/parquet/" + encode(ds.config()) + "/"
                + encode(ds.split());
        String body = new String(get(listing, ds), StandardCharsets.UTF_8);
        JsonNode urls;
        try {
            urls = JsonFiles.MAPPER.readTree(body);
        } catch (IOException e) {
            throw new IngestException("Hugging Face dataset " + ds.name() + ": " + listing + " did not answer JSON: " + e.getMessage());
        }
        if (!urls.isArray() || urls.isEmpty()) {
            throw new IngestException("Hugging Face dataset " + ds.name() + " lists no Parquet files for config '" + ds.config()
                    + "', split '" + ds.split() + "' at " + listing + ".");
        }
        Path dir = settings.downloadDir(ds);
        List<Path> files = new ArrayList<>();
        try {
            Files.createDirectories(dir);
            for (int i = 0; i < urls.size(); i++) {
                Path target = dir.resolve(String.format("%04d.parquet", i));
                if (!Files.exists(target)) {
                    Path part = dir.resolve(target.getFileName() + ".part");
                    Files.write(part, get(urls.get(i).asText(), ds));
                    Files.move(part, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                }
                files.add(target);
            }
        } catch (IOException e) {
            throw new IngestException("Cannot store the Parquet files of Hugging Face dataset " + ds.name() + " in " + dir + ": "
                    + e.getMessage(), e);
        }
        return files;
    }

    private byte[] get(String url, HuggingFaceDataset ds) {
        HttpRequest.Builder req = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(10)).GET();
        if (settings.token() != null) {
            req.header("Authorization", "Bearer " + settings.token());
        }
        try {
            HttpResponse<byte[]> r = http.send(req.build(), HttpResponse.BodyHandlers.ofByteArray());
            if (r.statusCode() != 200) {
                throw new IngestException("Hugging Face dataset " + ds.name() + ": GET " + url + " answered HTTP " + r.statusCode()
                        + (r.statusCode() == 401 || r.statusCode() == 403 ? " (set HF_TOKEN for gated or private datasets)" : "")
                        + (r.statusCode() == 404 ? " (check the name, config '" + ds.config() + "' and split '" + ds.split() + "')" : ""));
            }
            return r.body();
        } catch (IOException e) {
            throw new IngestException("Hugging Face dataset " + ds.name() + ": GET " + url + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IngestException("Interrupted while downloading " + url, e);
        }
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
