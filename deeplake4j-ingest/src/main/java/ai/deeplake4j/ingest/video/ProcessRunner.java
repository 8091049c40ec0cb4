package ai.deeplake4j.ingest.video;

import ai.deeplake4j.api.error.IngestException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Runs external media tools under a time limit. Both output streams are drained on their own
 * threads, so a chatty tool never blocks on a full pipe and the limit is enforced even while it
 * prints; past the limit the process and its children are killed. A tool can be run to
 * completion ({@link #run}) or started and watched while it works ({@link #start}).
 */
final class ProcessRunner {
    /** How much of stderr is kept for error messages (its beginning, where the cause usually is). */
    private static final int STDERR_KEEP_CHARS = 2000;

    private ProcessRunner() {
    }

    /**
     * What a finished run left behind.
     *
     * @param exitCode the process's exit code
     * @param stderr   the first {@value #STDERR_KEEP_CHARS} characters of its stderr, trimmed
     */
    record Result(int exitCode, String stderr) {
        /** The first line of stderr, or "no message" when it printed nothing. */
        String firstError() {
            if (stderr.isEmpty()) {
                return "no message";
            }
            int nl = stderr.indexOf('\n');
            return nl < 0 ? stderr : stderr.substring(0, nl);
        }
    }

    /** A started tool. Closing it kills the tool if it is still running. */
    static final class Running implements AutoCloseable {
        private final List<String> command;
        private final Process process;
        private final StringBuilder stderr = new StringBuilder();
        private final Thread errDrain;
        private final Thread outDrain;

        private Running(List<String> command, Process process, Consumer<String> stdoutLines) {
            this.command = command;
            this.process = process;
            this.errDrain = Thread.ofVirtual().start(() -> drain(process.getErrorStream(), line -> {
                if (stderr.length() < STDERR_KEEP_CHARS) {
                    stderr.append(line, 0, Math.min(line.length(), STDERR_KEEP_CHARS - stderr.length())).append('\n');
                }
            }));
            this.outDrain = stdoutLines == null ? null : Thread.ofVirtual().start(() -> drain(process.getInputStream(), stdoutLines));
        }

        boolean isAlive() {
            return process.isAlive();
        }

        /**
         * Waits until the tool ends or {@code timeout} passes, whichever is first.
         *
         * @return true when it ended
         */
        boolean waitFor(Duration timeout) throws InterruptedIOException {
            try {
                return process.waitFor(Math.max(0, timeout.toMillis()), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                kill();
                Thread.currentThread().interrupt();
                throw new InterruptedIOException(toolName(command) + " was interrupted");
            }
        }

        /**
         * Waits for the end within {@code timeout}, killing the tool when it overruns.
         *
         * @throws IOException when the tool did not finish in time
         */
        Result await(Duration timeout) throws IOException {
            if (!waitFor(timeout)) {
                kill();
                throw new IOException(toolName(command) + " did not finish within " + timeout.toSeconds()
                        + " s and was stopped; the file is probably damaged");
            }
            try {
                errDrain.join();
                if (outDrain != null) {
                    outDrain.join();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException(toolName(command) + " was interrupted");
            }
            // join() above makes the drain thread's appends visible here.
            return new Result(process.exitValue(), stderr.toString().strip());
        }

        void kill() {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            try {
                process.waitFor(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public void close() {
            if (process.isAlive()) {
                kill();
            }
        }
    }

    /**
     * Runs {@code command} to completion, handing each stdout line to {@code stdoutLines}
     * (null: discard it).
     *
     * @throws IngestException "ffmpeg not found ..." when the executable does not exist
     * @throws IOException when the process cannot start or exceeds {@code timeout} (it is killed)
     */
    static Result run(List<String> command, Duration timeout, Consumer<String> stdoutLines) throws IOException {
        try (Running running = start(command, stdoutLines)) {
            return running.await(timeout);
        }
    }

    /**
     * Starts {@code command}; the caller watches it and must close the handle.
     *
     * @throws IngestException "ffmpeg not found ..." when the executable does not exist
     */
    static Running start(List<String> command, Consumer<String> stdoutLines) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command);
        if (stdoutLines == null) {
            pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
        }
        Process process;
        try {
            process = pb.start();
        } catch (IOException e) {
            throw notFound(command.getFirst(), e);
        }
        process.getOutputStream().close();
        return new Running(command, process, stdoutLines);
    }

    static String toolName(List<String> command) {
        String exe = command.getFirst();
        int slash = exe.lastIndexOf('/');
        return slash < 0 ? exe : exe.substring(slash + 1);
    }

    private static RuntimeException notFound(String executable, IOException cause) {
        return new IngestException("ffmpeg not found: cannot run '" + executable + "' (" + cause.getMessage()
                + "). Install the system ffmpeg (Debian/Ubuntu: apt-get install ffmpeg), or point the system "
                + "properties deeplake4j.ffmpeg / deeplake4j.ffprobe at the executables.", cause);
    }

    private static void drain(InputStream stream, Consumer<String> lines) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                lines.accept(line);
            }
        } catch (IOException e) {
            // The process was killed or closed its end; what was read so far is all there is.
        }
    }
}
