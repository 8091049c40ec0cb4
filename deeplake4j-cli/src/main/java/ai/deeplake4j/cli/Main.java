package ai.deeplake4j.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code deeplake4j} command. */
@Command(name = "deeplake4j", mixinStandardHelpOptions = true, version = "deeplake4j 0.1.0",
        description = "Ingest files and column data into Deeplake tables, query and search them.",
        subcommands = {IngestCommand.class, QueryCommand.class, TablesCommand.class, DescribeCommand.class, DropCommand.class,
                ServeCommand.class, TokenCommand.class})
public final class Main implements Runnable {
    /**
     * Lucene logs one INFO line through java.util.logging on first use ("Java vector incubator API
     * enabled ..."): facts for a developer, noise on a command's stderr, which carries only what is
     * wrong. Held here because java.util.logging keeps loggers weakly.
     */
    private static final java.util.logging.Logger LUCENE_VECTORIZATION =
            java.util.logging.Logger.getLogger("org.apache.lucene.internal.vectorization");

    static {
        LUCENE_VECTORIZATION.setLevel(java.util.logging.Level.WARNING);
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the command line and returns the exit code (0 ok, 1 error, 2 usage). */
    public static int execute(String... args) {
        CommandLine cmd = new CommandLine(new Main());
        cmd.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println("error: " + e.getMessage());
            return 1;
        });
        return cmd.execute(args);
    }
}
