package ai.deeplake4j.server;

import ai.deeplake4j.server.auth.ServerSecret;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Runs a server from the command line without the CLI:
 * {@code java ai.deeplake4j.server.ServerMain [--lake DIR] [--host H] [--port N] [--port-file F] [--drain-timeout MS]}.
 * The HS256 secret is {@code DEEPLAKE4J_SERVER_SECRET} or the lake's own ({@link ServerSecret}).
 * {@code --port-file} receives the bound port once the server listens (port 0 picks a free one).
 * Stops gracefully on SIGTERM or Ctrl-C: requests in progress get {@code --drain-timeout} milliseconds
 * (default 30,000), then the queries still running are cancelled.
 */
public final class ServerMain {

    private ServerMain() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        Path lake = ai.deeplake4j.api.ClientConfig.fromEnvironment().lake();
        String host = "127.0.0.1";
        int port = ServerConfig.DEFAULT_PORT;
        Path portFile = null;
        java.time.Duration drain = java.time.Duration.ofSeconds(30);
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--lake" -> lake = Path.of(value);
                case "--host" -> host = value;
                case "--port" -> port = Integer.parseInt(value);
                case "--port-file" -> portFile = Path.of(value);
                case "--drain-timeout" -> drain = java.time.Duration.ofMillis(Long.parseLong(value));
                default -> throw new IllegalArgumentException("Unknown option " + args[i]
                        + ". Use --lake DIR, --host H, --port N, --port-file F, --drain-timeout MS.");
            }
            i++;
        }
        ServerConfig config = ServerConfig.builder(lake).host(host).port(port).shutdownTimeout(drain)
                .hmacSecret(ServerSecret.loadOrCreate(lake)).build();
        DeeplakeServer server = DeeplakeServer.start(config);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "deeplake4j-shutdown"));
        if (portFile != null) {
            Path tmp = portFile.resolveSibling(portFile.getFileName() + ".tmp");
            Files.writeString(tmp, Integer.toString(server.port()));
            Files.move(tmp, portFile, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        }
        System.out.println("deeplake4j server listening on " + server.url());
        stopped.await();
    }
}
