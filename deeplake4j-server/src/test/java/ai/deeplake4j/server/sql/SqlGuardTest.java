package ai.deeplake4j.server.sql;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SqlGuardTest {

    private final SqlGuard guard = new SqlGuard(() -> Set.of("acme", "Other-Org"));

    @ParameterizedTest
    @ValueSource(strings = {
        "SELECT * FROM docs WHERE id = $1 LIMIT 10",
        "select text, emb <#> $1::float4[] AS score FROM docs ORDER BY score DESC LIMIT 5",
        "WITH t AS (SELECT id FROM docs) SELECT count(*) FROM t",
        "INSERT INTO docs (id, text) VALUES ($1, $2)",
        "UPDATE docs SET text = 'COPY x TO y; ATTACH ''a''' WHERE id = 1",
        "DELETE FROM docs WHERE text = 'read_csv(''/etc/passwd'')'",
        "CREATE TABLE t (id INT, load TEXT) USING deeplake",
        "CREATE INDEX IF NOT EXISTS i ON docs USING deeplake_index (text) WITH (index_type='bm25')",
        "DROP TABLE IF EXISTS docs",
        "SELECT 'a', 'b' FROM docs",
        "SELECT d.id, d.text FROM docs d JOIN meta m ON d.id = m.id WHERE m.kind = 'x'",
        "SELECT * FROM docs -- ; COPY docs TO '/tmp/x'",
        "SELECT $$ATTACH 'x'$$ AS s",
        "EXPLAIN SELECT * FROM docs",
        "SELECT * FROM docs;",
        "SELECT system, memory FROM docs",
    })
    void allowsQueriesDmlAndTableDdl(String sql) {
        assertDoesNotThrow(() -> guard.check(sql));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "SELECT * FROM read_csv('/etc/passwd')",
        "SELECT * FROM read_csv_auto('/etc/passwd')",
        "SELECT * FROM READ_PARQUET('/lake/warehouse/acme/default/docs/data/x.parquet')",
        "SELECT * FROM read_text('/etc/hostname')",
        "SELECT * FROM read_blob('/etc/hostname')",
        "SELECT * FROM read_json('x.json')",
        "SELECT * FROM parquet_scan('x.parquet')",
        "SELECT * FROM glob('/etc/*')",
        "SELECT * FROM query('SELECT 1')",
        "SELECT getenv('HOME')",
        "SELECT * FROM '/etc/passwd'",
        "SELECT * FROM docs, '/etc/passwd'",
        "SELECT * FROM docs JOIN '/etc/passwd' ON true",
        "SELECT * FROM \"/etc/passwd\"",
        "SELECT * FROM \"data.csv\"",
        "COPY docs TO '/tmp/out.csv'",
        "copy (SELECT 1) TO '/tmp/x'",
        "ATTACH '/tmp/other.db' AS o",
        "DETACH o",
        "INSTALL httpfs",
        "LOAD httpfs",
        "FORCE INSTALL httpfs",
        "PRAGMA database_list",
        "SET enable_external_access = true",
        "RESET enable_external_access",
        "EXPORT DATABASE '/tmp/x'",
        "IMPORT DATABASE '/tmp/x'",
        "CALL pragma_version()",
        "USE other",
        "CREATE SECRET s (TYPE s3)",
        "CREATE MACRO m(a) AS a",
        "CREATE VIEW v AS SELECT 1",
        "SELECT 1; SELECT 2",
        "SELECT * FROM docs; DROP TABLE docs",
        "SELECT * FROM acme.default.docs",
        "SELECT * FROM \"Other-Org\".\"default\".docs",
        "SELECT * FROM information_schema.tables",
        "SELECT * FROM duckdb_tables()",
        "SELECT * FROM duckdb_settings()",
        "SELECT * FROM duckdb_tables",
        "SELECT * FROM pg_catalog.pg_tables",
        "SELECT current_setting('threads')",
        "EXPLAIN COPY docs TO '/tmp/x'",
        "(COPY docs TO '/tmp/x')",
        "SELECT * FROM $1",
        "SELECT * FROM docs, $2",
    })
    void refusesFilesSettingsAndOtherOrganizations(String sql) {
        SqlRefusedException e = assertThrows(SqlRefusedException.class, () -> guard.check(sql));
        assertTrue(e.getMessage().contains("not allowed") || e.getMessage().contains("statement"), e.getMessage());
    }
}
