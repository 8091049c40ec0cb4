package ai.deeplake4j.ingest.jpeg;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * libjpeg-turbo's JPEG codec through its Java API (TurboJPEG, {@code org.libjpegturbo.turbojpeg},
 * JNI over the native {@code libturbojpeg}), found at run time: it is not on Maven Central, so
 * there is no compile-time dependency and a machine without it builds and runs on ImageIO.
 * {@link #configured()} loads it once per JVM ({@link TurboJpegLoader} says from where) and checks
 * it on a small image first.
 *
 * <p>Why: the JDK's own JPEG codec is IJG libjpeg 6b without SIMD; libjpeg-turbo (SIMD) encodes
 * a 256 px thumbnail in about 0.12 ms of CPU instead of 1.06 ms and decodes a 640x480 JPEG in
 * about 1.05 ms instead of 3.5 ms on the shared 2-core box (JDK 25).
 *
 * <p>Output matches the ImageIO path: baseline JPEG, JFIF, 4:2:0 chroma subsampling, the same
 * IJG quality scale (ImageIO's 0.85 is libjpeg's 85: the same quantization tables), and the
 * accurate integer DCT both ways (TurboJPEG compresses with the fast DCT unless told otherwise; the
 * JDK's writer uses the accurate one). Measured: a 256 px thumbnail's JPEG is the same to the
 * decoded pixel, a 32 px one within a few levels; decoded photos are the JDK decoder's to the byte.
 *
 * <p>Thread-safe: TurboJPEG's compressor and decompressor objects are not, so each thread keeps
 * a compressor of its own, and each decode makes a decompressor and closes it (about 1 microsecond;
 * keeping one would keep the last source file's bytes). A compressor per encode was measured too:
 * as cheap to make, but TurboJPEG's objects have finalizers, and 20,000 of them per 5,000
 * thumbnailed rows cost 300 ms of GC pauses instead of 20-60 ms.
 */
public final class TurboJpeg {
    /** System property naming turbojpeg.jar, or {@value #OFF}. */
    public static final String JAR_PROPERTY = "deeplake4j.turbojpeg.jar";
    /** Environment variable naming turbojpeg.jar, or {@value #OFF}; the system property wins. */
    public static final String JAR_ENV = "DEEPLAKE4J_TURBOJPEG_JAR";
    /** Where Debian's and Ubuntu's {@code libturbojpeg-java} installs the jar. */
    public static final String DEFAULT_JAR = "/usr/share/java/turbojpeg.jar";
    /** The setting that turns libjpeg-turbo off (ImageIO only). */
    public static final String OFF = "off";

    private static final String PACKAGE = "org.libjpegturbo.turbojpeg.";
    /** Scratch output buffers up to this size are kept per thread (a 256 px thumbnail needs 0.2 MB). */
    private static final int MAX_KEPT_BUFFER = 1 << 20;
    private static final byte[] ICC_PROFILE = "ICC_PROFILE\0".getBytes(StandardCharsets.US_ASCII);

    private final String description;
    private final int pfRgb;
    private final int pfBgr;
    private final int samp420;
    private final int csRgb;
    private final int csYCbCr;
    private final int csGray;
    private final int accurateDct;
    private final MethodHandle bufSize;
    private final MethodHandle newCompressor;
    private final MethodHandle setSourcePixels;
    private final MethodHandle setSubsamp;
    private final MethodHandle setQuality;
    private final MethodHandle compress;
    private final MethodHandle compressedSize;
    private final MethodHandle closeCompressor;
    private final MethodHandle newDecompressor;
    private final MethodHandle setSourceJpeg;
    private final MethodHandle width;
    private final MethodHandle height;
    private final MethodHandle colorspace;
    private final MethodHandle scaledWidth;
    private final MethodHandle scaledHeight;
    private final MethodHandle decompress;
    private final MethodHandle closeDecompressor;
    private final ThreadLocal<ThreadCompressor> compressors = new ThreadLocal<>();

    /**
     * Binds the TurboJPEG classes {@code loader} defines (it must also load their native library).
     *
     * @param description what was loaded, for logs ({@link #toString()})
     * @throws ReflectiveOperationException when the classes lack a method of the TurboJPEG 2 API
     */
    TurboJpeg(ClassLoader loader, String description) throws ReflectiveOperationException {
        this.description = description;
        Class<?> tj = Class.forName(PACKAGE + "TJ", true, loader);
        Class<?> compressor = Class.forName(PACKAGE + "TJCompressor", true, loader);
        Class<?> decompressor = Class.forName(PACKAGE + "TJDecompressor", true, loader);
        pfRgb = constant(tj, "PF_RGB");
        pfBgr = constant(tj, "PF_BGR");
        samp420 = constant(tj, "SAMP_420");
        csRgb = constant(tj, "CS_RGB");
        csYCbCr = constant(tj, "CS_YCbCr");
        csGray = constant(tj, "CS_GRAY");
        accurateDct = constant(tj, "FLAG_ACCURATEDCT");
        MethodHandles.Lookup lookup = MethodHandles.publicLookup();
        bufSize = lookup.findStatic(tj, "bufSize", MethodType.methodType(int.class, int.class, int.class, int.class));
        newCompressor = constructor(compressor);
        setSourcePixels = method(compressor, "setSourceImage", void.class,
                byte[].class, int.class, int.class, int.class, int.class, int.class, int.class);
        setSubsamp = method(compressor, "setSubsamp", void.class, int.class);
        setQuality = method(compressor, "setJPEGQuality", void.class, int.class);
        compress = method(compressor, "compress", void.class, byte[].class, int.class);
        compressedSize = method(compressor, "getCompressedSize", int.class);
        closeCompressor = method(compressor, "close", void.class);
        newDecompressor = constructor(decompressor);
        setSourceJpeg = method(decompressor, "setSourceImage", void.class, byte[].class, int.class);
        width = method(decompressor, "getWidth", int.class);
        height = method(decompressor, "getHeight", int.class);
        colorspace = method(decompressor, "getColorspace", int.class);
        scaledWidth = method(decompressor, "getScaledWidth", int.class, int.class, int.class);
        scaledHeight = method(decompressor, "getScaledHeight", int.class, int.class, int.class);
        decompress = method(decompressor, "decompress", void.class,
                byte[].class, int.class, int.class, int.class, int.class, int.class, int.class, int.class);
        closeDecompressor = method(decompressor, "close", void.class);
    }

    /**
     * The libjpeg-turbo this JVM uses, or empty for ImageIO. The jar is {@value #JAR_PROPERTY}, else
     * {@value #JAR_ENV}, else {@value #DEFAULT_JAR}, {@value #OFF} for none; the native library is
     * found without flags ({@link TurboJpegLoader} says where). Read at each call (an encoder or
     * decoder reads it once, when made); each jar is loaded and checked once, which logs one INFO
     * line naming the codec and why.
     */
    public static Optional<TurboJpeg> configured() {
        return TurboJpegLoader.configured();
    }

    /**
     * Encodes interleaved 8-bit pixels as a baseline 4:2:0 JPEG.
     *
     * @param pixels  {@code 3 * width * height} bytes, rows packed top to bottom
     * @param bgr     true for B, G, R byte order within a pixel, false for R, G, B
     * @param quality IJG quality 1..100 (85 is ImageIO's 0.85)
     * @return the JPEG file bytes
     * @throws IOException when libjpeg-turbo reports an error
     */
    public byte[] encode(byte[] pixels, int width, int height, boolean bgr, int quality) throws IOException {
        if (width < 1 || height < 1 || pixels.length < 3L * width * height) {
            throw new IllegalArgumentException("need 3 x " + width + " x " + height + " pixel bytes, got " + pixels.length);
        }
        if (quality < 1 || quality > 100) {
            throw new IllegalArgumentException("JPEG quality must be 1..100, got " + quality);
        }
        ThreadCompressor session = compressors.get();
        try {
            if (session == null) {
                session = new ThreadCompressor((Object) newCompressor.invokeExact());
                compressors.set(session);
            }
            Object c = session.compressor;
            setSourcePixels.invokeExact(c, pixels, 0, 0, width, 3 * width, height, bgr ? pfBgr : pfRgb);
            setSubsamp.invokeExact(c, samp420);
            setQuality.invokeExact(c, quality);
            byte[] out = session.output((int) bufSize.invokeExact(width, height, samp420));
            compress.invokeExact(c, out, accurateDct);
            return Arrays.copyOf(out, (int) compressedSize.invokeExact(c));
        } catch (Throwable e) {
            // A compressor that failed may keep a broken state: this thread's next call makes a new one.
            if (session != null) {
                compressors.remove();
                try {
                    closeCompressor.invokeExact(session.compressor);
                } catch (Throwable closing) {
                    e.addSuppressed(closing);
                }
            }
            throw failure("encode a " + width + "x" + height + " JPEG", e);
        }
    }

    /**
     * Decodes a JPEG to {@code TYPE_3BYTE_BGR} (what ImageIO's JPEG reader returns), scaled by 1/2,
     * 1/4 or 1/8 in the inverse DCT (an area average, not point sampling) as far as the longer side
     * stays at least {@code minLongerSide}.
     *
     * @return the image, or null when the JPEG is one to leave to ImageIO: CMYK or YCCK colour, an
     *         embedded ICC profile (libjpeg-turbo ignores it; TwelveMonkeys converts to sRGB), or a
     *         longer side over 16 x {@code minLongerSide} (ImageIO's subsampling goes further than 1/8)
     * @throws IOException when libjpeg-turbo cannot decode the bytes cleanly (warnings included,
     *         e.g. a truncated file)
     */
    public BufferedImage decode(byte[] jpeg, int minLongerSide) throws IOException {
        if (needsImageIo(jpeg)) {
            return null;
        }
        try {
            Object d = (Object) newDecompressor.invokeExact();
            try {
                setSourceJpeg.invokeExact(d, jpeg, jpeg.length);
                int cs = (int) colorspace.invokeExact(d);
                if (cs != csYCbCr && cs != csGray && cs != csRgb) {
                    return null;
                }
                int w = (int) width.invokeExact(d);
                int h = (int) height.invokeExact(d);
                int divisor = 1;
                while (divisor < 8 && ceilDiv(Math.max(w, h), 2 * divisor) >= minLongerSide) {
                    divisor *= 2;
                }
                if (ceilDiv(Math.max(w, h), divisor) > 2 * minLongerSide) {
                    return null; // even 1/8 is too large a bitmap (a 60,000 px square: 170 MB)
                }
                int dw = (int) scaledWidth.invokeExact(d, ceilDiv(w, divisor), ceilDiv(h, divisor));
                int dh = (int) scaledHeight.invokeExact(d, ceilDiv(w, divisor), ceilDiv(h, divisor));
                BufferedImage image = new BufferedImage(dw, dh, BufferedImage.TYPE_3BYTE_BGR);
                byte[] pixels = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
                decompress.invokeExact(d, pixels, 0, 0, dw, 3 * dw, dh, pfBgr, accurateDct);
                return image;
            } finally {
                closeDecompressor.invokeExact(d);
            }
        } catch (Throwable e) {
            throw failure("decode a JPEG of " + jpeg.length + " bytes", e);
        }
    }

    /** What was loaded: the jar and the native library. */
    @Override
    public String toString() {
        return description;
    }

    /**
     * Encodes a red-over-blue image from R, G, B bytes and decodes it as B, G, R: proves the
     * library loads, runs, and that its pixel formats mean what this class assumes.
     *
     * @throws IOException saying what came back wrong
     */
    void selfTest() throws IOException {
        int w = 16;
        int h = 16;
        byte[] rgb = new byte[3 * w * h];
        for (int i = 0; i < w * h; i++) {
            rgb[3 * i + (i < w * h / 2 ? 0 : 2)] = (byte) 255;
        }
        byte[] jpeg = encode(rgb, w, h, false, 85);
        BufferedImage image = decode(jpeg, w);
        if (image == null || image.getWidth() != w || image.getHeight() != h) {
            throw new IOException("self-test: a 16x16 JPEG decoded as " + (image == null ? "nothing" : image.getWidth() + "x" + image.getHeight()));
        }
        int top = image.getRGB(w / 2, 2);
        int bottom = image.getRGB(w / 2, h - 3);
        if (!near(top, 0xFF0000) || !near(bottom, 0x0000FF)) {
            throw new IOException(String.format("self-test: red over blue decoded as %06X over %06X", top & 0xFFFFFF, bottom & 0xFFFFFF));
        }
    }

    private static boolean near(int argb, int rgb) {
        for (int shift = 0; shift <= 16; shift += 8) {
            if (Math.abs((argb >> shift & 0xFF) - (rgb >> shift & 0xFF)) > 40) {
                return false;
            }
        }
        return true;
    }

    /**
     * True unless the JPEG's header segments can be walked up to the first scan without meeting an
     * ICC profile (APP2 {@code ICC_PROFILE}): a profile or an unusual layout is left to ImageIO.
     */
    static boolean needsImageIo(byte[] jpeg) {
        int i = 2;
        while (i + 4 <= jpeg.length && (jpeg[i] & 0xFF) == 0xFF) {
            int marker = jpeg[i + 1] & 0xFF;
            if (marker == 0xFF) {
                i++; // fill byte before a marker
                continue;
            }
            if (marker == 0xDA) {
                return false; // start of scan: the header is over
            }
            if (marker == 0xE2 && Arrays.equals(jpeg, i + 4, Math.min(jpeg.length, i + 4 + ICC_PROFILE.length),
                    ICC_PROFILE, 0, ICC_PROFILE.length)) {
                return true;
            }
            i += 2 + ((jpeg[i + 2] & 0xFF) << 8 | jpeg[i + 3] & 0xFF);
        }
        return true;
    }

    /**
     * A thread's TurboJPEG compressor (it keeps a reference to the last pixels it encoded) and its
     * output buffer. A thread that ends drops it; TurboJPEG's finalizer then frees the native part.
     */
    private static final class ThreadCompressor {
        final Object compressor;
        private byte[] buffer = new byte[0];

        ThreadCompressor(Object compressor) {
            this.compressor = compressor;
        }

        /** A buffer of at least {@code size} bytes: this thread's, or a one-off above {@value #MAX_KEPT_BUFFER}. */
        byte[] output(int size) {
            if (size > MAX_KEPT_BUFFER) {
                return new byte[size];
            }
            if (buffer.length < size) {
                buffer = new byte[Math.max(size, 64 * 1024)];
            }
            return buffer;
        }
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }

    /** TurboJPEG's errors ({@code TJException} is an IOException) with what was being done; errors pass. */
    private static IOException failure(String what, Throwable e) {
        if (e instanceof Error error) {
            throw error;
        }
        if (e instanceof RuntimeException runtime) {
            throw runtime;
        }
        return new IOException("libjpeg-turbo could not " + what + ": " + e.getMessage(), e);
    }

    private static int constant(Class<?> type, String name) throws ReflectiveOperationException {
        return type.getField(name).getInt(null);
    }

    private static MethodHandle constructor(Class<?> type) throws ReflectiveOperationException {
        return MethodHandles.publicLookup().findConstructor(type, MethodType.methodType(void.class))
                .asType(MethodType.methodType(Object.class));
    }

    /** A public instance method, its receiver typed as Object so that callers need not know the class. */
    private static MethodHandle method(Class<?> type, String name, Class<?> returns, Class<?>... parameters)
            throws ReflectiveOperationException {
        MethodHandle handle = MethodHandles.publicLookup().findVirtual(type, name, MethodType.methodType(returns, parameters));
        return handle.asType(handle.type().changeParameterType(0, Object.class));
    }
}
