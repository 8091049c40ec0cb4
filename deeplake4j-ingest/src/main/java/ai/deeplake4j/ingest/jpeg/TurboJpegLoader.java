package ai.deeplake4j.ingest.jpeg;

import static ai.deeplake4j.ingest.jpeg.TurboJpeg.DEFAULT_JAR;
import static ai.deeplake4j.ingest.jpeg.TurboJpeg.JAR_ENV;
import static ai.deeplake4j.ingest.jpeg.TurboJpeg.JAR_PROPERTY;
import static ai.deeplake4j.ingest.jpeg.TurboJpeg.OFF;

import java.io.File;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds and loads libjpeg-turbo's Java API for {@link TurboJpeg#configured()}.
 *
 * <p>Where: the jar named by the system property {@value TurboJpeg#JAR_PROPERTY}, else the
 * environment variable {@value TurboJpeg#JAR_ENV}, else {@value TurboJpeg#DEFAULT_JAR} (Debian and
 * Ubuntu package {@code libturbojpeg-java}); {@value TurboJpeg#OFF} (or an empty value) turns
 * libjpeg-turbo off. The jar's classes get a class loader of their own, so nothing is needed on
 * the class path.
 *
 * <p>The native library: the jar's own loader asks for {@code libturbojpeg.so} on
 * {@code java.library.path}, then at {@code /usr/lib/x86_64-linux-gnu/libturbojpeg.so}. Debian's
 * runtime package {@code libturbojpeg0} installs only {@code libturbojpeg.so.0} in the multiarch
 * directory (the unversioned name comes with the {@code -dev} package), and Temurin's default
 * {@code java.library.path} does not include that directory, so on its own the jar fails to load
 * there whatever the JDK. The class loader therefore answers the jar's request itself
 * ({@link ClassLoader#findLibrary}) with the first {@code libturbojpeg.so} or {@code .so.0} found
 * in {@code java.library.path}, the multiarch directory of this architecture, {@code /usr/lib64},
 * {@code /usr/lib}, {@code /usr/local/lib} or {@code /opt/libjpeg-turbo/lib64}: no flags are
 * needed. (JDK 24+ warns about native code loaded without {@code --enable-native-access=ALL-UNNAMED},
 * which the {@code bin/} scripts and the Maven test runs pass.)
 *
 * <p>One load per jar path and JVM, kept for the JVM's life: the JVM lets one class loader only
 * load a native library, so this is process-wide state by necessity, not a choice. A jar that is
 * missing or fails (no native library, a self-test that fails) leaves ImageIO in use; either way
 * one INFO line says which codec is used and why.
 */
final class TurboJpegLoader {
    private static final Logger LOG = LoggerFactory.getLogger(TurboJpeg.class);
    private static final String LIBRARY = "turbojpeg";
    /** By normalized jar path, or {@value TurboJpeg#OFF}: what was loaded (empty: ImageIO). */
    private static final ConcurrentMap<String, Optional<TurboJpeg>> LOADED = new ConcurrentHashMap<>();

    private TurboJpegLoader() {
    }

    static Optional<TurboJpeg> configured() {
        String property = System.getProperty(JAR_PROPERTY);
        String env = System.getenv(JAR_ENV);
        String origin = property != null ? "system property " + JAR_PROPERTY
                : env != null ? "environment variable " + JAR_ENV : "default";
        String value = (property != null ? property : env != null ? env : DEFAULT_JAR).strip();
        String key = value.isEmpty() || value.equalsIgnoreCase(OFF) ? OFF : Path.of(value).toAbsolutePath().normalize().toString();
        return LOADED.computeIfAbsent(key, k -> loadAndLog(k, origin));
    }

    private static Optional<TurboJpeg> loadAndLog(String key, String origin) {
        if (key.equals(OFF)) {
            LOG.info("JPEG codec: ImageIO (libjpeg-turbo turned off by the {})", origin);
            return Optional.empty();
        }
        Path jar = Path.of(key);
        if (!Files.isRegularFile(jar)) {
            LOG.info("JPEG codec: ImageIO (libjpeg-turbo's Java API not found: no {} ({}); on Debian or Ubuntu "
                    + "apt-get install libturbojpeg0 libturbojpeg-java, elsewhere set {} or {} to its turbojpeg.jar)",
                    jar, origin, JAR_PROPERTY, JAR_ENV);
            return Optional.empty();
        }
        try {
            TurboJpeg turbo = load(jar);
            LOG.info("JPEG codec: libjpeg-turbo ({}; ImageIO for CMYK, ICC-profiled and damaged JPEGs)", turbo);
            return Optional.of(turbo);
        } catch (IOException | ReflectiveOperationException | LinkageError | RuntimeException e) {
            LOG.info("JPEG codec: ImageIO (libjpeg-turbo at {} does not work: {})", jar, e.toString());
            return Optional.empty();
        }
    }

    /**
     * Loads the jar's classes and native library and runs {@link TurboJpeg#selfTest()}.
     *
     * @throws IOException when the native library is not found or the self-test fails
     * @throws ReflectiveOperationException when the jar lacks the TurboJPEG 2 API
     * @throws LinkageError when the native library does not load (e.g. already loaded by another
     *         class loader, or built for another architecture)
     */
    static TurboJpeg load(Path jar) throws IOException, ReflectiveOperationException {
        List<Path> searched = nativeDirectories();
        Path library = findNative(searched)
                .orElseThrow(() -> new IOException("no libturbojpeg.so or libturbojpeg.so.0 in " + searched
                        + " (Debian and Ubuntu package libturbojpeg0)"));
        ClassLoader loader = new JarLoader(jar, library);
        TurboJpeg turbo = new TurboJpeg(loader, jar + ", native " + library);
        turbo.selfTest();
        return turbo;
    }

    /** {@code java.library.path}, then where Linux distributions and libjpeg-turbo's own packages install. */
    static List<Path> nativeDirectories() {
        List<Path> dirs = new ArrayList<>();
        for (String dir : System.getProperty("java.library.path", "").split(File.pathSeparator)) {
            if (!dir.isBlank()) {
                dirs.add(Path.of(dir));
            }
        }
        String multiarch = switch (System.getProperty("os.arch", "").toLowerCase(Locale.ROOT)) {
            case "amd64", "x86_64" -> "x86_64-linux-gnu";
            case "aarch64", "arm64" -> "aarch64-linux-gnu";
            default -> null;
        };
        if (multiarch != null) {
            dirs.add(Path.of("/usr/lib", multiarch));
            dirs.add(Path.of("/lib", multiarch));
        }
        for (String dir : List.of("/usr/lib64", "/usr/lib", "/usr/local/lib", "/opt/libjpeg-turbo/lib64")) {
            dirs.add(Path.of(dir));
        }
        return dirs;
    }

    /** The first {@code libturbojpeg.so} or {@code libturbojpeg.so.0} (the runtime package's name) in {@code dirs}. */
    static Optional<Path> findNative(List<Path> dirs) {
        String name = System.mapLibraryName(LIBRARY);
        List<String> names = name.endsWith(".so") ? List.of(name, name + ".0") : List.of(name);
        for (Path dir : dirs) {
            for (String n : names) {
                Path candidate = dir.resolve(n);
                if (Files.isRegularFile(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    /**
     * The jar alone over the platform class loader (so a copy on the application class path cannot
     * shadow it), answering the jar's {@code System.loadLibrary("turbojpeg")} with {@code library}.
     * Never closed: its classes and native library serve the JVM's life.
     */
    private static final class JarLoader extends URLClassLoader {
        private final Path library;

        JarLoader(Path jar, Path library) throws IOException {
            super("turbojpeg", new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader());
            this.library = library;
        }

        @Override
        protected String findLibrary(String name) {
            return LIBRARY.equals(name) ? library.toString() : super.findLibrary(name);
        }
    }
}
