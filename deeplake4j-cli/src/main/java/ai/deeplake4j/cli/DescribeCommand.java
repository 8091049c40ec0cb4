package ai.deeplake4j.cli;

import ai.deeplake4j.api.Client;
import ai.deeplake4j.api.schema.Column;
import ai.deeplake4j.api.schema.TableInfo;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code deeplake4j describe TABLE}: columns, types, indexes and row count. */
@Command(name = "describe", mixinStandardHelpOptions = true, description = "Show a table's columns, types, indexes and row count.")
final class DescribeCommand implements Callable<Integer> {
    @Mixin
    LakeOptions lake;

    @Parameters(index = "0", paramLabel = "TABLE")
    String table;

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Override
    public Integer call() {
        TableInfo info;
        try (Client client = lake.open()) {
            info = client.describeTable(table);
        }
        List<Map<String, Object>> columns = new ArrayList<>();
        for (Column c : info.columns()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("column", c.name());
            m.put("type", c.type().toString());
            m.put("index", c.index());
            columns.add(m);
        }
        if (json) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("table_name", info.name());
            out.put("dataset_path", info.datasetPath());
            out.put("row_count", info.rowCount());
            out.put("snapshot_id", info.snapshotId());
            out.put("columns", columns);
            System.out.println(Json.write(out));
        } else {
            System.out.println(info.name() + " (" + info.datasetPath() + "): " + info.rowCount() + " rows");
            System.out.print(TableFormatter.format(columns));
        }
        return 0;
    }
}
