package ai.deeplake4j.api;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.LoggerFactory;

/** Says once per process which lake {@link Client#connect()} chose when nothing configured one. */
final class DefaultLakeNotice {
    private static final AtomicBoolean SAID = new AtomicBoolean();

    private DefaultLakeNotice() {
    }

    static void once(Path lake) {
        if (SAID.compareAndSet(false, true)) {
            LoggerFactory.getLogger(Client.class).info("No lake configured (DEEPLAKE4J_HOME and DEEPLAKE_API_URL are unset):"
                    + " using the embedded lake in {}", lake);
        }
    }
}
