package ai.deeplake4j.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code deeplake4j} command. */
@Command(name = "deeplake4j", mixinStandardHelpOptions = true, version = "deeplake4j 0.1.0",
        description = "Ingest files and column data into Deeplake tables, query and search them.",
        subcommands = {IngestCommand.class, QueryCommand.class, TablesCommand.class, DescribeCommand.class, DropCommand.class,
                ServeCommand.class, TokenCommand.class})
public final class Main implements Runnable {
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
