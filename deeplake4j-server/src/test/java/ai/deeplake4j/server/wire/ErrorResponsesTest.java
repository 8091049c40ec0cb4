package ai.deeplake4j.server.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.deeplake4j.server.TestServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11, point 8, over HTTP: no answer reveals where the server keeps its files, input errors
 * are 4xx with a message, a 500 is the engine's own failure (logged once with its stack, answered
 * with an incident id only), and bodies that are not JSON get 415.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ErrorResponsesTest {

    private static final String QUERY = "/workspaces/default/tables/query";

    @TempDir
    static Path dir;
    private TestServer server;
    private RawHttp http;
    private String token;

    @BeforeAll
    void start() {
        server = new TestServer(dir.resolve("lake"));
        http = new RawHttp(server.url());
        token = server.token("errs");
        for (String table : List.of("e_docs", "e_broken")) {
            assertEquals(201, http.send("POST", "/workspaces/default/tables", token,
                    "{\"table_name\":\"" + table + "\",\"table_schema\":{\"id\":\"INT64\",\"emb\":\"EMBEDDING(2)\"}}").status());
            assertEquals(200, query("INSERT INTO " + table + " (id, emb) VALUES (1, [0.5, 0.5]), (2, [0.25, 0.75])").status());
        }
    }

    @AfterAll
    void stop() {
        server.close();
    }

    private RawHttp.Reply query(String sql) {
        return http.send("POST", QUERY, token, "{\"query\":\"" + sql.replace("\"", "\\\"") + "\"}");
    }

    /** Deletes the data files of {@code e_broken} on disk, as a damaged disk or an operator's mistake would. */
    private void breakTable() throws Exception {
        try (Stream<Path> files = Files.walk(dir.resolve("lake/warehouse/errs/default/e_broken"))) {
            for (Path p : files.filter(p -> p.toString().endsWith(".parquet")).toList()) {
                Files.delete(p);
            }
        }
    }

    @Test
    void noAnswerRevealsTheLakeDirectory() throws Exception {
        breakTable();
        List<RawHttp.Reply> replies = new ArrayList<>();
        for (String sql : List.of("SELECT * FROM e_missing", "SELECT nope FROM e_docs", "SELECT * FROM e_docs WHERE",
                "UPDATE e_docs SET id = 2 WHERE nope = 1", "DELETE FROM e_docs WHERE id = 'x'",
                "INSERT INTO e_docs (id) VALUES ('x')", "SELECT * FROM e_broken", "SELECT count(*) FROM e_broken")) {
            replies.add(query(sql));
        }
        replies.add(http.send("POST", "/workspaces/default/tables/e_docs/indexes", token, "{\"column\":\"nope\"}"));
        replies.add(http.send("GET", "/api/org/default/ds/e_missing/creds", token, null));
        RawHttp.Reply creds = http.send("GET", "/api/org/default/ds/e_docs/creds", token, null);
        assertEquals(200, creds.status(), creds.body());
        assertEquals("warehouse/errs/default/e_docs", creds.json().get("path").asText(), "relative to the lake: " + creds.body());
        assertEquals("al://default/e_docs", creds.json().get("dataset_path").asText());
        replies.add(creds);
        String lake = dir.toString();
        for (RawHttp.Reply r : replies) {
            assertFalse(r.body().contains(lake) || r.body().contains("/tmp/") || r.body().contains("file:"), r.body());
        }
        assertEquals(404, replies.get(0).status(), replies.get(0).body());
        for (int i = 1; i <= 5; i++) {
            assertEquals(400, replies.get(i).status(), replies.get(i).body());
        }
        assertTrue(replies.get(3).json().get("message").asText().contains("e_docs"), "names the table: " + replies.get(3).body());
        assertEquals(500, replies.get(6).status(), "a table whose files are gone is the server's failure: " + replies.get(6).body());
    }

    @Test
    void inputErrorsAre400WithAMessage() {
        for (String sql : List.of("SELECT '24:00:00'::TIME AS t", "SELECT * FROM test_all_types()",
                "SELECT 'abc'::INT", "SELECT 2147483647::INT + 1::INT")) {
            RawHttp.Reply r = query(sql);
            assertEquals(400, r.status(), sql + ": " + r.body());
            assertEquals("query_error", r.json().get("code").asText());
            assertFalse(r.json().get("message").asText().contains("incident"), r.body());
        }
        assertTrue(query("SELECT '24:00:00'::TIME AS t").json().get("message").asText().contains("Column 't'"));
    }

    @Test
    void aServerFailureIsLoggedOnceWithItsStackAndAnsweredWithAnIncidentOnly() throws Exception {
        breakTable();
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        RawHttp.Reply failed;
        RawHttp.Reply refused;
        try {
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
            refused = query("SELECT nope FROM e_docs");
            failed = query("SELECT id FROM e_broken");
        } finally {
            System.setErr(original);
        }
        String log = captured.toString(StandardCharsets.UTF_8);
        original.print(log);
        assertEquals(400, refused.status());
        assertEquals(500, failed.status(), failed.body());
        assertEquals("internal", failed.json().get("code").asText());
        Matcher incident = Pattern.compile("incident ([0-9a-f-]{36})").matcher(failed.json().get("message").asText());
        assertTrue(incident.find(), failed.body());
        assertFalse(failed.body().contains("e_broken") || failed.body().contains("IO Error"), "no detail reaches the client: " + failed.body());
        assertEquals(1, count(log, incident.group(1)), "logged once: " + log);
        assertEquals(1, count(log, "ERROR"), "only the 500 is an error in the log, once: " + log);
        assertTrue(log.contains("InternalException") && log.contains("\tat "), "with its stack: " + log);
    }

    @Test
    void bodiesThatAreNotJsonGet415() {
        String body = "{\"query\":\"SELECT 42 AS x\"}";
        RawHttp.Reply form = http.send("POST", QUERY, token, HttpRequest.BodyPublishers.ofString(body), null,
                "application/x-www-form-urlencoded");
        assertEquals(415, form.status(), form.body());
        assertEquals("unsupported_media_type", form.json().get("code").asText());
        assertTrue(form.json().get("message").asText().contains("application/json"), form.body());
        RawHttp.Reply text = http.send("PATCH", "/workspaces/default", token, HttpRequest.BodyPublishers.ofString("{\"name\":\"x\"}"),
                null, "text/plain");
        assertEquals(415, text.status(), text.body());
        RawHttp.Reply rows = http.send("POST", "/workspaces/default/tables/e_docs/writer/w1/rows", token,
                HttpRequest.BodyPublishers.ofString("{}"), null, "application/json");
        assertEquals(415, rows.status(), "the row stream has its own type: " + rows.body());
        assertTrue(rows.json().get("message").asText().contains("application/x-deeplake4j-rows"), rows.body());

        RawHttp.Reply charset = http.send("POST", QUERY, token, HttpRequest.BodyPublishers.ofString(body), null,
                "application/json; charset=utf-8");
        assertEquals(200, charset.status(), charset.body());
        RawHttp.Reply undeclared = http.send("POST", QUERY, token, HttpRequest.BodyPublishers.ofString(body), null, null);
        assertEquals(200, undeclared.status(), "a body that declares no type is read as JSON: " + undeclared.body());
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + part.length())) {
            n++;
        }
        return n;
    }
}
