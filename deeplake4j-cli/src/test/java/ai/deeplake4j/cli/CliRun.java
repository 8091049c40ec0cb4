package ai.deeplake4j.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * One run of the {@code deeplake4j} command in this JVM, with what it printed.
 *
 * @param code exit code (0 ok, 1 error, 2 usage)
 * @param out  standard output
 * @param err  standard error
 */
record CliRun(int code, String out, String err) {

    /** Runs the command with {@code args}, capturing stdout and stderr. */
    static CliRun of(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = Main.execute(args);
            return new CliRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    /** Runs the command with {@code args} followed by {@code --lake lake}. */
    static CliRun onLake(Path lake, String... args) {
        String[] withLake = Arrays.copyOf(args, args.length + 2);
        withLake[args.length] = "--lake";
        withLake[args.length + 1] = lake.toString();
        return of(withLake);
    }
}
