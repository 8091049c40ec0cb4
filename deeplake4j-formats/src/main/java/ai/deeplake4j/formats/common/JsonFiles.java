package ai.deeplake4j.formats.common;

import ai.deeplake4j.api.error.IngestException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads JSON and JSON Lines files; every failure is an {@link IngestException} naming the file (and line). */
public final class JsonFiles {
    /** Shared, thread-safe mapper. */
    public static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonFiles() {
    }

    /** @throws IngestException when the file is missing or not JSON */
    public static JsonNode read(Path file) {
        try {
            return MAPPER.readTree(file.toFile());
        } catch (NoSuchFileException | java.io.FileNotFoundException e) {
            throw new IngestException("File not found: " + file);
        } catch (IOException e) {
            throw new IngestException("Cannot read JSON file " + file + ": " + e.getMessage(), e);
        }
    }

    /** One JSON value per non-blank line. @throws IngestException naming the file and line */
    public static List<JsonNode> readLines(Path file) {
        List<JsonNode> out = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int n = 0;
            while ((line = in.readLine()) != null) {
                n++;
                if (line.isBlank()) {
                    continue;
                }
                try {
                    out.add(MAPPER.readTree(line));
                } catch (JsonProcessingException e) {
                    throw new IngestException("Cannot read " + file + " line " + n + ": " + e.getOriginalMessage(), e);
                }
            }
        } catch (NoSuchFileException e) {
            throw new IngestException("File not found: " + file);
        } catch (IOException e) {
            throw new IngestException("Cannot read " + file + ": " + e.getMessage(), e);
        }
        return out;
    }

    /** The value as compact JSON text (for JSONB columns). */
    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A required field of an object. @throws IngestException naming the field, item and file */
    public static JsonNode require(JsonNode node, String field, String item, Path file) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            throw new IngestException(file + ": " + item + " has no '" + field + "'");
        }
        return v;
    }
}
