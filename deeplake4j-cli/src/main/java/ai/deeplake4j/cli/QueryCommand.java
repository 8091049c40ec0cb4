package ai.deeplake4j.cli;

import ai.deeplake4j.api.Client;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code deeplake4j query SQL}: runs SQL and prints an aligned table or JSON. */
@Command(name = "query", mixinStandardHelpOptions = true, description = "Run SQL (PostgreSQL dialect, pg_deeplake semantics).")
final class QueryCommand implements Callable<Integer> {
    @Mixin
    LakeOptions lake;

    @Parameters(index = "0", paramLabel = "SQL", description = "The statement; $1, $2, ... take --param values.")
    String sql;

    @Option(names = "--param", paramLabel = "VALUE",
            description = "Value of $1, $2, ... in order. Integers and decimals are bound as numbers, everything else as text.")
    List<String> params = new ArrayList<>();

    @Option(names = "--json", description = "Print a JSON array of row objects.")
    boolean json;

    @Override
    public Integer call() {
        Object[] values = params.stream().map(QueryCommand::typed).toArray();
        List<Map<String, Object>> rows;
        try (Client client = lake.open()) {
            rows = client.query(sql, values);
        }
        System.out.print(json ? Json.write(rows) + "\n" : TableFormatter.format(rows));
        return 0;
    }

    /** A number when the text is one, else the text. */
    static Object typed(String value) {
        if (value.matches("-?\\d{1,18}")) {
            return Long.parseLong(value);
        }
        if (value.matches("-?\\d+\\.\\d+([eE][-+]?\\d+)?")) {
            return Double.parseDouble(value);
        }
        return value;
    }
}
