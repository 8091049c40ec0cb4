package ai.deeplake4j.cli;

import ai.deeplake4j.api.Client;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code deeplake4j tables}: the workspace's tables. */
@Command(name = "tables", mixinStandardHelpOptions = true, description = "List the tables of the workspace.")
final class TablesCommand implements Callable<Integer> {
    @Mixin
    LakeOptions lake;

    @Option(names = "--json", description = "Print {\"tables\": [{\"table_name\": ...}]}.")
    boolean json;

    @Override
    public Integer call() {
        List<String> tables;
        try (Client client = lake.open()) {
            tables = client.listTables();
        }
        if (json) {
            System.out.println(Json.write(Map.of("tables", tables.stream().map(t -> Map.of("table_name", t)).toList())));
        } else {
            tables.forEach(System.out::println);
        }
        return 0;
    }
}
