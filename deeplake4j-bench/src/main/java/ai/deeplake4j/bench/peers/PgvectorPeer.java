package ai.deeplake4j.bench.peers;

import java.io.Reader;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.postgresql.PGConnection;

/**
 * pgvector 0.8.6 in the kit's private PostgreSQL cluster ({@code pgvector-setup.sh}), loaded and
 * queried by the kit's protocol over JDBC: COPY of data.csv, a GIN index on a tsvector column,
 * HNSW (m 16, ef_construction 64) with cosine, {@code hnsw.ef_search = 80} and iterative scans for
 * filters. CPU per query is the backend process's, from /proc/PID/stat; load and build CPU is
 * every PostgreSQL process's (parallel workers included).
 */
final class PgvectorPeer implements Peer {
    private final PeersData data;
    private final Connection conn;
    private final long backendPid;
    private final int warmup;

    PgvectorPeer(PeersData data, int port, int warmup) throws SQLException {
        this.data = data;
        this.conn = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=postgres");
        this.warmup = warmup;
        try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            backendPid = rs.getLong(1);
        }
    }

    @Override
    public String name() {
        return "pgvector";
    }

    @Override
    public Map<String, String> load() throws Exception {
        Map<String, String> facts = new LinkedHashMap<>();
        try (Statement st = conn.createStatement()) {
            st.execute("CREATE EXTENSION IF NOT EXISTS vector");
            try (ResultSet rs = st.executeQuery("SELECT count(*) FROM pg_tables WHERE tablename = 'items'")) {
                rs.next();
                if (rs.getLong(1) == 1) {
                    try (ResultSet n = st.executeQuery("SELECT count(*) FROM items")) {
                        n.next();
                        if (n.getLong(1) == data.rows()) {
                            facts.put("load", "reused the cluster of an earlier run");
                            session(st);
                            return facts;
                        }
                    }
                }
            }
            st.execute("DROP TABLE IF EXISTS items");
            st.execute("CREATE TABLE items (id bigint PRIMARY KEY, cat int, text text, embedding vector(" + data.dim() + "))");
            double cpu0 = Cpu.ofCommand("postgres");
            long t0 = System.nanoTime();
            try (Reader in = Files.newBufferedReader(data.csv())) {
                conn.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY items FROM STDIN WITH (FORMAT csv)", in);
            }
            double wall = (System.nanoTime() - t0) / 1e9;
            facts.put("bulk load", String.format("COPY %,.0f rows/s, %.1f CPU-s (server)", data.rows() / wall, Cpu.ofCommand("postgres") - cpu0));
            st.execute("ALTER TABLE items ADD COLUMN tsv tsvector");
            st.execute("UPDATE items SET tsv = to_tsvector('english', text)");
            st.execute("CREATE INDEX items_gin ON items USING gin (tsv)");
            st.execute("VACUUM FULL items");
            st.execute("ANALYZE items");
            st.execute("SET maintenance_work_mem = '2GB'");
            cpu0 = Cpu.ofCommand("postgres");
            t0 = System.nanoTime();
            st.execute("CREATE INDEX items_hnsw ON items USING hnsw (embedding vector_cosine_ops) WITH (m = 16, ef_construction = 64)");
            facts.put("vector index build", String.format("%.1f CPU-s, %.1f s wall (HNSW m 16, ef_construction 64)",
                    Cpu.ofCommand("postgres") - cpu0, (System.nanoTime() - t0) / 1e9));
            st.execute("CREATE INDEX items_cat ON items (cat)");
            st.execute("ANALYZE items");
            session(st);
        }
        return facts;
    }

    private static void session(Statement st) throws SQLException {
        st.execute("SET hnsw.ef_search = 80");
        st.execute("SET hnsw.iterative_scan = relaxed_order");
    }

    @Override
    public void round(Map<String, Measure> m) throws SQLException {
        try (PreparedStatement vector = conn.prepareStatement("SELECT id, text FROM items ORDER BY embedding <=> ?::vector LIMIT 10");
             PreparedStatement filtered = conn.prepareStatement(
                     "SELECT id, text FROM items WHERE cat = ? ORDER BY embedding <=> ?::vector LIMIT 10");
             PreparedStatement keyword = conn.prepareStatement("SELECT id, text, ts_rank_cd(tsv, q) AS score FROM items, "
                     + "plainto_tsquery('english', ?) q WHERE tsv @@ q ORDER BY score DESC LIMIT 10");
             PreparedStatement lookup = conn.prepareStatement("SELECT id, cat, text FROM items WHERE id = ?")) {
            for (int i = 0; i < warmup; i++) {
                ids(vector, text(data.warmVector(i)));
                filtered.setInt(1, i % 10);
                ids(filtered, null, text(data.warmVector(i)));
                ids(keyword, data.keywords().get((i + 37) % data.keywords().size()).split(" ")[0]);
                ids(lookup, (long) (i * 7));
            }
            int n = data.queries().size();
            time(m.computeIfAbsent(VECTOR, k -> new Measure()), n, i -> ids(vector, text(data.queries().get(i))), data.truth());
            time(m.computeIfAbsent(FILTERED, k -> new Measure()), n, i -> {
                filtered.setInt(1, data.categories()[i]);
                return ids(filtered, null, text(data.queries().get(i)));
            }, data.truthFiltered());
            time(m.computeIfAbsent(KEYWORD, k -> new Measure()), n, i -> ids(keyword, data.keywords().get(i)), null);
            time(m.computeIfAbsent(LOOKUP, k -> new Measure()), n, i -> ids(lookup, (i * 1999L) % data.rows()), null);
        }
    }

    private void time(Measure m, int n, Measure.Query<SQLException> q, List<List<Long>> truth) throws SQLException {
        m.time(n, q, truth, () -> Cpu.ofPid(backendPid));
    }

    /** Runs a statement whose parameters are given in order (a null skips a parameter already set). */
    private static List<Long> ids(PreparedStatement st, Object... params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            if (params[i] != null) {
                st.setObject(i + 1, params[i]);
            }
        }
        List<Long> out = new ArrayList<>(10);
        try (ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                out.add(rs.getLong(1));
            }
        }
        return out;
    }

    private static String text(float[] v) {
        StringBuilder sb = new StringBuilder(v.length * 10).append('[');
        for (int i = 0; i < v.length; i++) {
            sb.append(i == 0 ? "" : ",").append(v[i]);
        }
        return sb.append(']').toString();
    }

    @Override
    public void close() throws SQLException {
        conn.close();
    }
}
