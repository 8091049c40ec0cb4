package ai.deeplake4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliTest {
    @TempDir
    Path lake;

    private CliRun run(String... args) {
        return CliRun.onLake(lake, args);
    }

    @Test
    void ingestQueryDescribeTablesDrop() throws Exception {
        String corpus = Path.of(System.getProperty("deeplake4j.corpus"), "text").toString();
        CliRun ingest = run("ingest", "docs", corpus, "--chunk-size", "500", "--chunk-overlap", "100");
        assertEquals(0, ingest.code(), ingest.err());
        assertTrue(ingest.out().startsWith("Ingested "), ingest.out());

        CliRun json = run("query", "SELECT count(*) AS n, max(length(text)) AS longest FROM docs", "--json");
        JsonNode rows = new ObjectMapper().readTree(json.out());
        assertTrue(rows.get(0).get("n").asLong() > 1_000);
        assertEquals(500, rows.get(0).get("longest").asInt());

        CliRun table = run("query", "SELECT chunk_index FROM docs WHERE text LIKE $1 ORDER BY chunk_index LIMIT 1", "--param", "%GNU General Public License%");
        assertEquals(0, table.code(), table.err());
        assertTrue(table.out().startsWith("chunk_index\n-----------\n"), table.out());
        assertTrue(table.out().endsWith("(1 row)\n"), table.out());

        JsonNode tables = new ObjectMapper().readTree(run("tables", "--json").out());
        assertEquals("docs", tables.get("tables").get(0).get("table_name").asText());
        JsonNode describe = new ObjectMapper().readTree(run("describe", "docs", "--json").out());
        assertEquals("chunk_index", describe.get("columns").get(2).get("column").asText());
        assertEquals("INT64", describe.get("columns").get(2).get("type").asText());
        assertEquals(rows.get(0).get("n").asLong(), describe.get("row_count").asLong());

        assertEquals(0, run("drop", "docs").code());
        CliRun missing = run("describe", "docs");
        assertEquals(1, missing.code());
        assertTrue(missing.err().contains("Table not found: docs"), missing.err());
    }

    @Test
    void dropIsIdempotentByDefaultAsInTheSdk() {
        CliRun missing = run("drop", "nosuch");
        assertEquals(0, missing.code(), missing.err());
        assertEquals("No table nosuch: nothing to drop\n", missing.out());
        CliRun strict = run("drop", "nosuch", "--no-if-exists");
        assertEquals(1, strict.code());
        assertTrue(strict.err().contains("nosuch"), strict.err());
    }

    @Test
    void ingestBuildsIndexesRendersAtTheGivenDpiAndAnswersSnakeCaseJson(@org.junit.jupiter.api.io.TempDir Path pdfs) throws Exception {
        Path pdf = java.nio.file.Files.copy(Path.of(System.getProperty("deeplake4j.corpus"), "pdf", "shared-mime-info-spec.pdf"),
                pdfs.resolve("spec.pdf"));
        CliRun ingest = run("ingest", "manual", pdf.toString(), "--pdf-dpi", "36", "--index", "text", "--json");
        assertEquals(0, ingest.code(), ingest.err());
        JsonNode result = new ObjectMapper().readTree(ingest.out());
        assertEquals("manual", result.get("table_name").asText(), ingest.out());
        assertTrue(result.get("row_count").asLong() > 1, ingest.out());
        assertTrue(result.has("dataset_path") && result.has("skipped"), ingest.out());

        JsonNode describe = new ObjectMapper().readTree(run("describe", "manual", "--json").out());
        String textIndex = null;
        for (JsonNode c : describe.get("columns")) {
            if (c.get("column").asText().equals("text")) {
                textIndex = c.get("index").asText();
            }
        }
        assertEquals("bm25", textIndex == null ? null : textIndex.toLowerCase(java.util.Locale.ROOT), describe.toString());

        float pageWidthPoints;
        try (var doc = org.apache.pdfbox.Loader.loadPDF(pdf.toFile())) {
            pageWidthPoints = doc.getPage(0).getMediaBox().getWidth();
        }
        CliRun image = run("query", "SELECT image FROM manual WHERE page_index = 0", "--json");
        byte[] png = java.util.Base64.getDecoder().decode(new ObjectMapper().readTree(image.out()).get(0).get("image").asText());
        int width = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(png)).getWidth();
        assertEquals(Math.round(pageWidthPoints * 36 / 72f), width, 1.0, "page 0 rendered at 36 DPI");
    }

    @Test
    void badSqlAndMissingFilesExitWithAClearMessage() {
        CliRun sql = run("query", "SELEC 1");
        assertEquals(1, sql.code());
        assertTrue(sql.err().startsWith("error: SQL syntax error"), sql.err());
        CliRun file = run("ingest", "t", "/no/such/dir");
        assertEquals(1, file.code());
        assertTrue(file.err().contains("File not found: /no/such/dir"), file.err());
        assertEquals(2, run("query").code(), "usage error");
    }

    @Test
    void hostileNamesAreRefusedByTheSameRulesAsTheClients() {
        CliRun table = run("ingest", "../../other", "/no/such/dir");
        assertEquals(1, table.code());
        assertTrue(table.err().contains("Invalid table name: '../../other'"), table.err());
        CliRun column = run("ingest", "t", "/no/such/dir", "--schema", "../../../../x/victim=TEXT");
        assertEquals(1, column.code());
        assertTrue(column.err().contains("Invalid column name: '../../../../x/victim'"), column.err());
        CliRun workspace = run("tables", "--workspace", "../other");
        assertEquals(1, workspace.code());
        assertTrue(workspace.err().contains("Invalid workspace name"), workspace.err());
        CliRun token = run("token", "create", "--org", "../other");
        assertEquals(1, token.code());
        assertTrue(token.err().contains("Invalid org name: '../other'"), token.err());
    }
}
