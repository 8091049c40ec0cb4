package ai.deeplake4j.server.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.deeplake4j.api.error.AuthException;
import ai.deeplake4j.api.error.ManagedServiceException;
import ai.deeplake4j.api.error.QueryException;
import ai.deeplake4j.api.error.TableException;
import ai.deeplake4j.api.error.TokenException;
import ai.deeplake4j.client.RemoteClient;
import ai.deeplake4j.server.TestServer;
import ai.deeplake4j.server.auth.TokenMinter;
import ai.deeplake4j.server.wire.RawHttp;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Issue 5 "Isolation" and auth: other organizations, forbidden SQL, traversal names, bad tokens. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SecurityTest {

    @TempDir
    static Path dir;
    private TestServer server;
    private RemoteClient acme;
    private RemoteClient rival;
    private RawHttp http;

    @BeforeAll
    void start() {
        server = new TestServer(dir.resolve("lake"));
        acme = server.client("acme", "default");
        rival = server.client("rival", "default");
        http = new RawHttp(server.url());
        acme.ingest("secrets", Map.of("id", List.of(1L, 2L), "text", List.of("acme only", "private")));
        rival.ingest("mine", Map.of("id", List.of(9L)));
    }

    @AfterAll
    void stop() {
        acme.close();
        rival.close();
        server.close();
    }

    @Test
    void anotherOrganizationCannotListQueryDescribeOrDropATable() {
        assertFalse(rival.listTables().contains("secrets"));
        assertThrows(TableException.class, () -> rival.query("SELECT * FROM secrets"));
        assertThrows(TableException.class, () -> rival.describeTable("secrets"));
        assertThrows(TableException.class, () -> rival.dropTable("secrets", false));
        rival.dropTable("secrets", true);
        assertThrows(QueryException.class, () -> rival.query("SELECT * FROM acme.\"default\".secrets"));
        assertThrows(QueryException.class, () -> rival.query("SELECT * FROM acme.secrets"));
        assertEquals(404, http.send("GET", "/api/org/default/ds/secrets/creds", server.token("rival"), null).status());
        assertEquals(2, acme.query("SELECT count(*) AS n FROM secrets").get(0).get("n") instanceof Number n ? n.intValue() : -1);
    }

    @Test
    void orgHeaderCannotSelectAnOrganizationTheTokenDoesNotGrant() {
        RawHttp.Reply r = http.send("GET", "/workspaces/default/tables", server.token("rival"),
                java.net.http.HttpRequest.BodyPublishers.noBody(), "acme");
        assertEquals(403, r.status());
        assertEquals("forbidden", r.json().get("code").asText());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "SELECT * FROM read_csv('/etc/passwd')",
        "SELECT * FROM read_text('/etc/passwd')",
        "SELECT * FROM '/etc/passwd'",
        "SELECT * FROM $1",
        "COPY secrets TO '/tmp/stolen.csv'",
        "ATTACH '/tmp/x.db' AS x",
        "INSTALL httpfs",
        "LOAD httpfs",
        "PRAGMA database_list",
        "SET enable_external_access = true",
        "SELECT * FROM duckdb_settings()",
        "SELECT * FROM glob('/*')",
        "SELECT 1; DROP TABLE secrets",
    })
    void forbiddenSqlIsRefusedWithAClearError(String sql) {
        QueryException e = assertThrows(QueryException.class, () -> acme.query(sql, "/etc/passwd"));
        assertTrue(e.getMessage().contains("not allowed") || e.getMessage().contains("statement"), e.getMessage());
        assertEquals(2, ((Number) acme.query("SELECT count(*) AS n FROM secrets").get(0).get("n")).intValue());
    }

    @ParameterizedTest
    @ValueSource(strings = {"..%2F..%2Fetc", "..", "a%2Fb", "%2E%2E", "x%00y", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"})
    void pathTraversalNamesAreRefused(String name) {
        String token = server.token("acme");
        RawHttp.Reply table = http.send("GET", "/workspaces/default/tables/" + name, token, null);
        assertTrue(table.status() == 400 || table.status() == 404, table.body());
        assertFalse(table.body().contains("\tat "));
        RawHttp.Reply ws = http.send("GET", "/workspaces/" + name + "/tables", token, null);
        assertTrue(ws.status() == 400 || ws.status() == 404, ws.body());
        assertInstanceOf(TableException.class, assertThrows(ManagedServiceException.class,
                () -> acme.ingest(java.net.URLDecoder.decode(name, StandardCharsets.UTF_8), Map.of("id", List.of(1L)))));
    }

    @Test
    void organizationIdsThatAreNotSafeNamesAreRefused() {
        String token = new TokenMinter(TestServer.SECRET).mint("../../etc", Duration.ofMinutes(5));
        RawHttp.Reply r = http.send("GET", "/workspaces/default/tables", token, null);
        assertEquals(401, r.status());
    }

    @Test
    void badTokensGet401AndTokenOrAuthExceptions() {
        String expired = new TokenMinter(TestServer.SECRET, Clock.offset(Clock.systemUTC(), Duration.ofHours(-3)))
                .mint("acme", Duration.ofHours(1));
        String wrongKey = new TokenMinter("some-other-secret-some-other-secret".getBytes(StandardCharsets.UTF_8))
                .mint("acme", Duration.ofHours(1));
        for (String token : List.of(expired, wrongKey, "garbage", "a.b.c")) {
            RawHttp.Reply r = http.send("GET", "/workspaces/default/tables", token, null);
            assertEquals(401, r.status(), token);
            assertEquals("invalid_token", r.json().get("code").asText());
            try (RemoteClient c = server.clientWithToken(token, "default")) {
                assertThrows(TokenException.class, c::listTables);
            }
        }
        RawHttp.Reply none = http.send("GET", "/workspaces/default/tables", null, null);
        assertEquals(401, none.status());
        try (RemoteClient c = server.clientWithToken(null, "default")) {
            assertInstanceOf(AuthException.class, assertThrows(AuthException.class, c::listTables));
        }
    }
}
