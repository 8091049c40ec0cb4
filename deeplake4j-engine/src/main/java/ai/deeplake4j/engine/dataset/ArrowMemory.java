package ai.deeplake4j.engine.dataset;

import ai.deeplake4j.api.error.ManagedServiceException;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;

/**
 * Arrow's off-heap memory for dataset batches. Arrow reaches into {@code java.nio} by reflection,
 * so the JVM must run with {@value #FLAG}; without it Arrow fails deep inside with a bare
 * {@code InvocationTargetException}. This class turns that into an error naming the flag, on the
 * caller's thread, before any reader thread starts.
 */
final class ArrowMemory {

    /** The JVM flag Arrow's memory needs (also in bin/deeplake4j and the surefire configuration). */
    static final String FLAG = "--add-opens=java.base/java.nio=ALL-UNNAMED";

    private static volatile boolean available;

    private ArrowMemory() {
    }

    /**
     * A new root allocator; close it after use.
     *
     * @throws ManagedServiceException naming {@value #FLAG} when the JVM runs without it
     */
    static BufferAllocator newAllocator() {
        check();
        return new RootAllocator();
    }

    /** Fails fast, as {@link #newAllocator()} would, when Arrow's memory is not usable in this JVM. */
    static void check() {
        if (available) {
            return;
        }
        try (BufferAllocator allocator = new RootAllocator(); var buffer = allocator.buffer(8)) {
            // nioBuffer() wraps native memory in a DirectByteBuffer through java.nio internals,
            // as Arrow does when it imports DuckDB's result stream: the step that needs the flag.
            buffer.setLong(0, 1L);
            buffer.nioBuffer(0, 8);
            available = true;
        } catch (RuntimeException | LinkageError e) {
            throw missingFlag(e);
        }
    }

    private static RuntimeException missingFlag(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = String.valueOf(t.getMessage());
            if (t instanceof UnsupportedOperationException || t instanceof IllegalAccessException
                    || t instanceof NoClassDefFoundError || m.contains("DirectByteBuffer") || m.contains("MemoryUtil")
                    || m.contains("add-opens")) {
                return new ManagedServiceException("Dataset batches need the JVM flag " + FLAG
                        + " (Apache Arrow reads java.nio internals); start java with it, as bin/deeplake4j does. Cause: " + t, e);
            }
        }
        return e instanceof RuntimeException r ? r : new IllegalStateException(e);
    }
}
