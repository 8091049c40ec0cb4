package ai.deeplake4j.server.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.deeplake4j.server.ServerConfig;
import ai.deeplake4j.server.TestServer;
import java.io.BufferedInputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The raw JSON of ARCHITECTURE 2.2, sent and checked byte for byte where the answer is fixed. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WireFormatTest {

    @TempDir
    static Path dir;
    private TestServer server;
    private RawHttp http;
    private String token;

    @BeforeAll
    void start() {
        server = new TestServer(ServerConfig.builder(dir.resolve("lake")).port(0).hmacSecret(TestServer.SECRET)
                .maxBodyBytes(64 * 1024).build());
        http = new RawHttp(server.url());
        token = server.token("wire");
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @Test
    void healthAndReadinessNeedNoToken() {
        assertEquals("{\"status\":\"ok\"}", http.send("GET", "/health", null, null).body());
        RawHttp.Reply ready = http.send("GET", "/ready", null, null);
        assertEquals(200, ready.status());
        assertEquals("{\"status\":\"ready\"}", ready.body());
    }

    @Test
    void createListQueryDescribeAndDropATable() {
        RawHttp.Reply created = http.send("POST", "/workspaces/default/tables", token,
                "{\"table_name\":\"w_docs\",\"table_schema\":{\"id\":\"INT64\",\"text\":\"TEXT\"}}");
        assertEquals(201, created.status());
        assertEquals("{\"table_name\":\"w_docs\",\"dataset_path\":\"al://default/w_docs\"}", created.body());
        assertEquals(409, http.send("POST", "/workspaces/default/tables", token,
                "{\"table_name\":\"w_docs\",\"table_schema\":{\"id\":\"INT64\"}}").status());

        RawHttp.Reply batch = http.send("POST", "/workspaces/default/tables/query/batch", token,
                "{\"query\":\"INSERT INTO w_docs (id, text) VALUES ($1, $2)\",\"params_batch\":[[1,\"one\"],[2,\"two\"],[3,\"three\"]]}");
        assertEquals(200, batch.status(), batch.body());
        assertEquals(3, batch.json().get("row_count").asInt());

        RawHttp.Reply rows = http.send("POST", "/workspaces/default/tables/query", token,
                "{\"query\":\"SELECT id, text FROM w_docs WHERE id >= $1 ORDER BY id\",\"params\":[2],\"timeout_ms\":5000}");
        assertEquals(200, rows.status());
        assertEquals("{\"columns\":[\"id\",\"text\"],\"rows\":[[2,\"two\"],[3,\"three\"]],\"row_count\":2}", rows.body());

        RawHttp.Reply list = http.send("GET", "/workspaces/default/tables", token, null);
        assertTrue(list.body().contains("{\"table_name\":\"w_docs\"}"), list.body());
        assertTrue(list.json().get("tables").isArray());

        RawHttp.Reply details = http.send("GET", "/workspaces/default/tables/w_docs", token, null);
        assertEquals(200, details.status());
        assertEquals(3, details.json().get("row_count").asInt());
        assertEquals("INT64", details.json().get("columns").get(0).get("type").asText());

        RawHttp.Reply creds = http.send("GET", "/api/org/default/ds/w_docs/creds", token, null);
        assertEquals(200, creds.status());
        assertEquals("al://default/w_docs", creds.json().get("dataset_path").asText());

        assertEquals(200, http.send("DELETE", "/workspaces/default/tables/w_docs", token, null).status());
        assertEquals(404, http.send("GET", "/workspaces/default/tables/w_docs", token, null).status());
    }

    @Test
    void workspacesNeedAnIdAndCanBeRenamedAndDeleted() {
        RawHttp.Reply noId = http.send("POST", "/workspaces", token, "{\"name\":\"x\"}");
        assertEquals(400, noId.status());
        assertEquals("workspace ID is required", noId.json().get("message").asText());
        assertEquals(201, http.send("POST", "/workspaces", token, "{\"id\":\"w_team\",\"name\":\"Team\"}").status());
        assertEquals(409, http.send("POST", "/workspaces", token, "{\"id\":\"w_team\"}").status());
        assertEquals("Team", http.send("GET", "/workspaces/w_team", token, null).json().get("name").asText());
        assertEquals("Renamed", http.send("PATCH", "/workspaces/w_team", token, "{\"name\":\"Renamed\"}").json().get("name").asText());
        assertTrue(http.send("GET", "/workspaces", token, null).body().contains("\"id\":\"w_team\""));
        assertEquals(200, http.send("DELETE", "/workspaces/w_team", token, null).status());
        assertEquals(404, http.send("GET", "/workspaces/w_team", token, null).status());
    }

    @Test
    void meReportsTheTokensOrganization() {
        RawHttp.Reply me = http.send("GET", "/me", token, null);
        assertEquals("wire", me.json().get("org_id").asText());
    }

    @Test
    void errorsAreJsonWithMessageAndCodeAndNoStackTrace() {
        RawHttp.Reply missing = http.send("POST", "/workspaces/default/tables/query", token, "{\"query\":\"SELECT * FROM nowhere\"}");
        assertEquals(404, missing.status());
        assertError(missing, "table_not_found");
        RawHttp.Reply syntax = http.send("POST", "/workspaces/default/tables/query", token, "{\"query\":\"SELECT 1 +\"}");
        assertEquals(400, syntax.status());
        assertError(syntax, "query_error");
        RawHttp.Reply badJson = http.send("POST", "/workspaces/default/tables/query", token, "{\"query\":");
        assertEquals(400, badJson.status());
        assertError(badJson, "invalid_json");
        RawHttp.Reply noQuery = http.send("POST", "/workspaces/default/tables/query", token, "{}");
        assertEquals(400, noQuery.status());
        assertError(noQuery, "missing_field");
        RawHttp.Reply unknown = http.send("GET", "/no/such/endpoint", token, null);
        assertEquals(404, unknown.status());
        assertError(unknown, "not_found");
    }

    @Test
    void queryTimeoutIsForwardedAndAnswered408() {
        RawHttp.Reply slow = http.send("POST", "/workspaces/default/tables/query", token,
                "{\"query\":\"SELECT sum(i) FROM range(400000000) t(i)\",\"timeout_ms\":1}");
        assertEquals(408, slow.status(), slow.body());
        assertError(slow, "query_timeout");
        RawHttp.Reply next = http.send("POST", "/workspaces/default/tables/query", token, "{\"query\":\"SELECT 42 AS x\"}");
        assertEquals("{\"columns\":[\"x\"],\"rows\":[[42]],\"row_count\":1}", next.body());
    }

    @Test
    void bodiesOverTheLimitGet413() {
        String big = "{\"query\":\"SELECT '" + "x".repeat(70 * 1024) + "'\"}";
        RawHttp.Reply tooBig = http.send("POST", "/workspaces/default/tables/query", token, big);
        assertEquals(413, tooBig.status());
        assertError(tooBig, "payload_too_large");
        // the same without Content-Length (chunked): still refused
        RawHttp.Reply chunked = http.send("POST", "/workspaces/default/tables/query", token,
                HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(big.getBytes())), null);
        assertEquals(413, chunked.status());
    }

    @Test
    void aRefusedBodyIsReadToItsEndAndTheConnectionServesTheNextRequest() throws Exception {
        // Answering 413 before the body is read, then closing, resets a connection the client is
        // still writing to, and the client loses the 413 ("broken pipe"). The server reads the
        // refused body off the socket instead, so the same connection carries on.
        byte[] big = ("{\"query\":\"SELECT '" + "x".repeat(1 << 20) + "'\"}").getBytes(StandardCharsets.UTF_8);
        byte[] small = "{\"query\":\"SELECT 42 AS x\"}".getBytes(StandardCharsets.UTF_8);
        URI base = URI.create(server.url());
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            BufferedInputStream in = new BufferedInputStream(socket.getInputStream());
            out.write(post(base, big));
            out.write(big);
            out.flush();
            String refused = RawHttp.readResponse(in);
            assertTrue(refused.startsWith("HTTP/1.1 413"), refused);
            assertFalse(refused.toLowerCase(java.util.Locale.ROOT).contains("connection: close"), refused);
            out.write(post(base, small));
            out.write(small);
            out.flush();
            String next = RawHttp.readResponse(in);
            assertTrue(next.startsWith("HTTP/1.1 200"), next);
            assertTrue(next.endsWith("{\"columns\":[\"x\"],\"rows\":[[42]],\"row_count\":1}"), next);
        }
    }

    private byte[] post(URI base, byte[] body) {
        return ("POST /workspaces/default/tables/query HTTP/1.1\r\nHost: " + base.getHost() + ":" + base.getPort()
                + "\r\nAuthorization: Bearer " + token + "\r\nContent-Type: application/json\r\nContent-Length: "
                + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    private static void assertError(RawHttp.Reply reply, String code) {
        assertEquals(code, reply.json().get("code").asText(), reply.body());
        assertFalse(reply.json().get("message").asText().isBlank());
        assertFalse(reply.body().contains("\tat ") || reply.body().contains("Exception"), reply.body());
    }
}
