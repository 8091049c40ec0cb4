package ai.deeplake4j.cli;

import ai.deeplake4j.api.Client;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code deeplake4j drop TABLE}: drops a table and its data. */
@Command(name = "drop", mixinStandardHelpOptions = true, description = "Drop a table and its data.")
final class DropCommand implements Callable<Integer> {
    @Mixin
    LakeOptions lake;

    @Parameters(index = "0", paramLabel = "TABLE")
    String table;

    @Option(names = "--if-exists", description = "Succeed when the table does not exist.")
    boolean ifExists;

    @Override
    public Integer call() {
        try (Client client = lake.open()) {
            client.dropTable(table, ifExists);
        }
        System.out.println("Dropped " + table);
        return 0;
    }
}
