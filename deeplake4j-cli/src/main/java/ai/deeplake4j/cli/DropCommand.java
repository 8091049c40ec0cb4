package ai.deeplake4j.cli;

import ai.deeplake4j.api.Client;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code deeplake4j drop TABLE}: drops a table and its data. A missing table is not an error by
 * default, as in the Deeplake SDK's {@code drop_table(table, if_exists=True)}; {@code
 * --no-if-exists} makes it one.
 */
@Command(name = "drop", mixinStandardHelpOptions = true, description = "Drop a table and its data (a missing table is not an error unless --no-if-exists).")
final class DropCommand implements Callable<Integer> {
    @Mixin
    LakeOptions lake;

    @Parameters(index = "0", paramLabel = "TABLE")
    String table;

    @Option(names = "--if-exists", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Succeed when the table does not exist (default: true; --no-if-exists fails instead).")
    boolean ifExists;

    @Override
    public Integer call() {
        boolean existed;
        try (Client client = lake.open()) {
            existed = client.listTables().contains(table);
            client.dropTable(table, ifExists);
        }
        System.out.println(existed ? "Dropped " + table : "No table " + table + ": nothing to drop");
        return 0;
    }
}
