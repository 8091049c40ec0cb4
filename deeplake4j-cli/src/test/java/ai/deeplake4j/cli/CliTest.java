package ai.deeplake4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliTest {
    @TempDir
    Path lake;

    /** Runs the command; returns exit code, stdout and stderr. */
    private record Run(int code, String out, String err) {
    }

    private Run run(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            String[] withLake = new String[args.length + 2];
            System.arraycopy(args, 0, withLake, 0, args.length);
            withLake[args.length] = "--lake";
            withLake[args.length + 1] = lake.toString();
            int code = Main.execute(withLake);
            return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    @Test
    void ingestQueryDescribeTablesDrop() throws Exception {
        String corpus = Path.of(System.getProperty("deeplake4j.corpus"), "text").toString();
        Run ingest = run("ingest", "docs", corpus, "--chunk-size", "500", "--chunk-overlap", "100");
        assertEquals(0, ingest.code(), ingest.err());
        assertTrue(ingest.out().startsWith("Ingested "), ingest.out());

        Run json = run("query", "SELECT count(*) AS n, max(length(text)) AS longest FROM docs", "--json");
        JsonNode rows = new ObjectMapper().readTree(json.out());
        assertTrue(rows.get(0).get("n").asLong() > 1_000);
        assertEquals(500, rows.get(0).get("longest").asInt());

        Run table = run("query", "SELECT chunk_index FROM docs WHERE text LIKE $1 ORDER BY chunk_index LIMIT 1", "--param", "%GNU General Public License%");
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
        Run missing = run("describe", "docs");
        assertEquals(1, missing.code());
        assertTrue(missing.err().contains("Table not found: docs"), missing.err());
    }

    @Test
    void badSqlAndMissingFilesExitWithAClearMessage() {
        Run sql = run("query", "SELEC 1");
        assertEquals(1, sql.code());
        assertTrue(sql.err().startsWith("error: SQL syntax error"), sql.err());
        Run file = run("ingest", "t", "/no/such/dir");
        assertEquals(1, file.code());
        assertTrue(file.err().contains("File not found: /no/such/dir"), file.err());
        assertEquals(2, run("query").code(), "usage error");
    }
}
