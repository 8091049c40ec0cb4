package ai.deeplake4j.server.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.deeplake4j.api.error.TableException;
import ai.deeplake4j.api.ingest.IngestOptions;
import ai.deeplake4j.client.RemoteClient;
import ai.deeplake4j.server.TestServer;
import ai.deeplake4j.server.auth.TokenMinter;
import ai.deeplake4j.server.wire.RawHttp;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11 point 1: names that try to leave their directory, in every path and body field that
 * carries a name, sent raw by organization {@code acme}. Each must be a 4xx, and nothing of
 * organization {@code other} (nor anything outside acme's own directories) may change.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TraversalTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Decoded names that break every name rule (org, workspace, table, column, index). */
    private static final List<String> HOSTILE = List.of("..", ".", "../other", "../../../../other", "../../../../other/default/q",
            "..\\..\\..\\..\\other", "a/b", "x\0y", "x".repeat(300), "other/../../other", "../../../../x/victim");

    /** As they appear in a URL path: the hostile names with every dot encoded, plus the classic encodings. */
    private static final List<String> HOSTILE_IN_PATHS = Stream.concat(HOSTILE.stream().map(TraversalTest::encode), Stream.of(
            "..%2F..%2F..%2F..%2Fother", "%2e%2e", "%2E%2E", "%2e%2e%2f%2e%2e%2f%2e%2e%2f%2e%2e%2fother", "..%5C..%5Cother",
            "x%00y", "%252e%252e%252f%252e%252e%252fother", "..%252F..%252Fother", "a".repeat(5000))).toList();

    @TempDir
    static Path dir;
    private Path lake;
    private TestServer server;
    private RawHttp http;
    private String acme;
    private RemoteClient acmeClient;
    private RemoteClient otherClient;

    @BeforeAll
    void start() {
        lake = dir.resolve("lake");
        server = new TestServer(lake);
        http = new RawHttp(server.url());
        acme = server.token("acme");
        acmeClient = server.client("acme", "default");
        otherClient = server.client("other", "default");
        IngestOptions indexed = IngestOptions.builder().index("text").build();
        otherClient.ingest("q", Map.of("text", List.of("other's secret", "other's data")), indexed);
        acmeClient.ingest("q", Map.of("text", List.of("acme row")), indexed);
        assertEquals(201, http.send("POST", "/workspaces", server.token("other"), "{\"id\": \"team\"}").status());
    }

    @AfterAll
    void stop() {
        acmeClient.close();
        otherClient.close();
        server.close();
    }

    private static String encode(String name) {
        return URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20").replace(".", "%2E");
    }

    private static String json(Object body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sqlIdentifier(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }

    /**
     * Every file and directory outside acme's own (its warehouse and service folders) and the
     * catalog and scratch files every request may touch; with each file's size.
     */
    private Map<String, Long> untouchable() {
        List<Path> skipped = List.of(lake.resolve("warehouse/acme"), lake.resolve("service/acme"), lake.resolve("tmp"));
        Map<String, Long> out = new TreeMap<>();
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.toList()) {
                if (skipped.stream().anyMatch(p::startsWith) || p.getFileName().toString().startsWith("catalog.db")) {
                    continue;
                }
                out.put(dir.relativize(p).toString(), Files.isDirectory(p) ? -1L : Files.size(p));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    private record Request(String method, String path, String body, String token, String orgHeader) {
        @Override
        public String toString() {
            String shown = method + " " + path + (body == null ? "" : " " + body);
            return shown.length() > 300 ? shown.substring(0, 300) + "..." : shown;
        }
    }

    private List<Request> requests() {
        List<Request> all = new ArrayList<>();
        for (String p : HOSTILE_IN_PATHS) {
            String[][] forms = {
                {"GET", "/workspaces/" + p + "/tables", null},
                {"GET", "/workspaces/" + p, null},
                {"DELETE", "/workspaces/" + p, null},
                {"PATCH", "/workspaces/" + p, "{\"name\": \"x\"}"},
                {"POST", "/workspaces/" + p + "/tables/query", "{\"query\": \"SELECT 1\"}"},
                {"POST", "/workspaces/" + p + "/tables", "{\"table_name\": \"fresh\", \"table_schema\": {\"a\": \"TEXT\"}}"},
                {"GET", "/workspaces/default/tables/" + p, null},
                {"DELETE", "/workspaces/default/tables/" + p, null},
                {"POST", "/workspaces/default/tables/" + p + "/indexes", "{\"column\": \"text\"}"},
                {"DELETE", "/workspaces/default/tables/" + p + "/indexes/text", null},
                {"POST", "/workspaces/default/tables/" + p + "/writer", "{\"table_schema\": {\"a\": \"TEXT\"}}"},
                {"DELETE", "/workspaces/default/tables/q/indexes/" + p, null},
                {"GET", "/api/org/" + p + "/ds/q/creds", null},
                {"GET", "/api/org/default/ds/" + p + "/creds", null},
            };
            for (String[] f : forms) {
                all.add(new Request(f[0], f[1], f[2], acme, null));
            }
        }
        for (String n : HOSTILE) {
            Map<String, Object> schema = new LinkedHashMap<>();
            schema.put(n, "TEXT");
            all.add(new Request("POST", "/workspaces", json(Map.of("id", n)), acme, null));
            all.add(new Request("POST", "/workspaces/default/tables", json(Map.of("table_name", n, "table_schema", Map.of("a", "TEXT"))), acme, null));
            all.add(new Request("POST", "/workspaces/default/tables", json(Map.of("table_name", "fresh", "table_schema", schema)), acme, null));
            all.add(new Request("POST", "/workspaces/default/tables/fresh/writer", json(Map.of("table_schema", schema)), acme, null));
            all.add(new Request("POST", "/workspaces/default/tables/q/writer", json(Map.of("table_schema", schema)), acme, null));
            all.add(new Request("POST", "/workspaces/default/tables/q/indexes", json(Map.of("column", n)), acme, null));
            for (String sql : List.of(
                    "CREATE INDEX " + sqlIdentifier(n) + " ON q USING deeplake_index (text)",
                    "CREATE INDEX ON q USING deeplake_index (" + sqlIdentifier(n) + ")",
                    "DROP INDEX " + sqlIdentifier(n),
                    "CREATE TABLE fresh (" + sqlIdentifier(n) + " TEXT)")) {
                all.add(new Request("POST", "/workspaces/default/tables/query", json(Map.of("query", sql)), acme, null));
            }
            String minted = new TokenMinter(TestServer.SECRET).mint(n, Duration.ofMinutes(5));
            all.add(new Request("GET", "/workspaces/default/tables", null, minted, null));
            all.add(new Request("DELETE", "/workspaces/default/tables/q/indexes/text", null, minted, null));
            if (n.chars().noneMatch(Character::isISOControl)) { // a header cannot carry a control character
                all.add(new Request("GET", "/workspaces/default/tables", null, acme, n));
                all.add(new Request("DELETE", "/workspaces/default/tables/q/indexes/text", null, acme, n));
            }
        }
        for (String column : List.of("_id", "_ID")) {
            all.add(new Request("POST", "/workspaces/default/tables", json(Map.of("table_name", "fresh", "table_schema", Map.of(column, "TEXT"))), acme, null));
            all.add(new Request("POST", "/workspaces/default/tables/fresh/writer", json(Map.of("table_schema", Map.of(column, "TEXT"))), acme, null));
        }
        return all;
    }

    /**
     * Sends a request once more when the JDK client reused a kept-alive connection the server had
     * just closed (no byte of an answer): the server never saw the request on it.
     */
    private RawHttp.Reply send(Request r) {
        for (int attempt = 1; ; attempt++) {
            try {
                return http.send(r.method(), r.path(), r.token(),
                        r.body() == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(r.body()), r.orgHeader());
            } catch (UncheckedIOException e) {
                if (attempt > 1 || e.getMessage() == null || !e.getMessage().contains("received no bytes")) {
                    throw e;
                }
            }
        }
    }

    @Test
    void everyHostileNameIsA4xxAndLeavesTheOtherOrganizationUntouched() {
        Map<String, Long> before = untouchable();
        assertTrue(before.keySet().stream().anyMatch(p -> p.startsWith("lake/warehouse/other/default/q/index/")), before.toString());
        List<Request> requests = requests();
        for (Request r : requests) {
            RawHttp.Reply reply = send(r);
            assertTrue(reply.status() >= 400 && reply.status() < 500, r + " -> " + reply.status() + " " + reply.body());
            assertFalse(reply.body().contains("\tat "), r + " leaked a stack trace");
            assertEquals(before, untouchable(), r + " changed files it must not touch");
        }
        assertTrue(requests.size() > 300, "requests sent: " + requests.size());
        assertEquals(2L, ((Number) otherClient.query("SELECT count(*) AS n FROM q").getFirst().get("n")).longValue());
        assertEquals("bm25", otherClient.describeTable("q").columns().getFirst().index());
        assertEquals(List.of("q"), acmeClient.listTables(), "acme's own table is still there and no other appeared");
    }

    @Test
    void theIssueReproductionIsABadRequestNamingTheColumnRule() {
        RawHttp.Reply r = http.send("DELETE", "/workspaces/default/tables/q/indexes/..%2F..%2F..%2F..%2Fother", acme, null);
        assertEquals(400, r.status(), r.body());
        assertEquals("invalid_column_name", r.json().get("code").asText());
        assertTrue(Files.isDirectory(lake.resolve("warehouse/other/default/q")));
    }

    @Test
    void droppingTheIndexOfAMissingColumnIs404() {
        RawHttp.Reply r = http.send("DELETE", "/workspaces/default/tables/q/indexes/nope", acme, null);
        assertEquals(404, r.status(), r.body());
        assertEquals("Column \"nope\" does not exist in table \"q\". Check the name with describeTable.", r.json().get("message").asText());
        assertThrows(TableException.class, () -> acmeClient.dropIndex("q", "nope"));
    }

    @Test
    void aColumnNamedIdIsA400NamingTheHiddenRowId() {
        RawHttp.Reply r = http.send("POST", "/workspaces/default/tables", acme, "{\"table_name\": \"ids\", \"table_schema\": {\"_id\": \"TEXT\"}}");
        assertEquals(400, r.status(), r.body());
        assertEquals("invalid_column_name", r.json().get("code").asText());
        assertTrue(r.json().get("message").asText().contains("hidden row id"), r.body());
    }

    @Test
    void theRemoteClientRefusesHostileNamesBeforeSending() {
        for (String n : HOSTILE) {
            assertThrows(TableException.class, () -> acmeClient.ingest("fresh", Map.of(n, List.of("x"))), n);
            assertThrows(TableException.class, () -> acmeClient.dropIndex("q", n), n);
            assertThrows(TableException.class, () -> acmeClient.createIndex("q", n, null), n);
            assertThrows(TableException.class, () -> acmeClient.ingest(n, Map.of("a", List.of("x"))), n);
        }
        assertThrows(TableException.class, () -> acmeClient.ingest("fresh", Map.of("_id", List.of("x"))));
        try (RemoteClient badWorkspace = server.client("acme", "../other")) {
            assertThrows(ai.deeplake4j.api.error.WorkspaceException.class, badWorkspace::listTables);
        }
        assertEquals(List.of("q"), acmeClient.listTables());
    }
}
