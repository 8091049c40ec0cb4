package ai.deeplake4j.server.lifecycle;

import ai.deeplake4j.server.TestServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A real server process ({@code ServerMain} in a JVM of its own) for the lifecycle tests that signal or kill it. */
final class ServerProcesses {
    private ServerProcesses() {
    }

    /** Starts a server on {@code lake} (a free port written to {@code portFile}), its output to {@code log}, with {@code extraArgs}. */
    static Process start(Path lake, Path portFile, Path log, String... extraArgs) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "--add-modules", "jdk.incubator.vector",
                "--enable-native-access=ALL-UNNAMED", "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                "ai.deeplake4j.server.ServerMain", "--lake", lake.toString(), "--port", "0", "--port-file", portFile.toString()));
        command.addAll(List.of(extraArgs));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("DEEPLAKE4J_SERVER_SECRET", new String(TestServer.SECRET, StandardCharsets.UTF_8));
        return pb.start();
    }

    /** The port the server wrote, within 60 s; fails with the server's log when it exits first. */
    static int waitForPort(Path portFile, Process server, Path log) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (Files.exists(portFile)) {
                return Integer.parseInt(Files.readString(portFile).trim());
            }
            if (!server.isAlive()) {
                throw new AssertionError("server exited: " + Files.readString(log));
            }
            Thread.sleep(100);
        }
        throw new AssertionError("server did not start within 60 s");
    }
}
