package ai.deeplake4j.conformance;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Runs statements on the PostgreSQL reference, on one connection in autocommit mode. */
final class PostgresSide {

    private final Connection connection;

    PostgresSide(Connection connection) {
        this.connection = connection;
    }

    Outcome run(String sql) {
        try (Statement st = connection.createStatement()) {
            boolean hasRows = st.execute(sql);
            if (hasRows) {
                try (ResultSet rs = st.getResultSet()) {
                    return rows(rs);
                }
            }
            int count = st.getUpdateCount();
            return Kinds.isRowChange(sql) ? new Outcome.Count(count) : new Outcome.Ok();
        } catch (SQLException e) {
            return new Outcome.Failure(e.getSQLState(), e.getMessage());
        }
    }

    private static Outcome.Rows rows(ResultSet rs) throws SQLException {
        ResultSetMetaData md = rs.getMetaData();
        int n = md.getColumnCount();
        List<String> columns = new ArrayList<>(n);
        for (int i = 1; i <= n; i++) {
            columns.add(md.getColumnLabel(i));
        }
        String[] families = new String[n];
        List<List<String>> rows = new ArrayList<>();
        while (rs.next()) {
            List<String> row = new ArrayList<>(n);
            for (int i = 1; i <= n; i++) {
                Object v = rs.getObject(i);
                if (families[i - 1] == null) {
                    families[i - 1] = Canonical.family(v);
                }
                row.add(Canonical.value(v));
            }
            rows.add(row);
        }
        return new Outcome.Rows(columns, rows, Arrays.asList(families));
    }
}
