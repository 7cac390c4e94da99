package aekit.infer.model;

import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * Keeps ONNX Runtime's native libraries unpacked in a per-user cache folder and points ONNX Runtime at it
 * ({@code onnxruntime.native.path}). Without it, every process copies the 28 MB library out of the jar into a new
 * temp folder before it can load a model: a tenth of a second and more of a one-image run, and a leftover folder
 * in /tmp whenever a process ends during that copy.
 *
 * <p>The folder is {@code $XDG_CACHE_HOME/aekit} (default {@code ~/.cache/aekit}), one sub-folder per set of
 * libraries, named by their sizes and CRCs from the jar, written to a temp folder and renamed into place, so a
 * half-written copy is never used, and loaded once before it is handed to ONNX Runtime. A user's own
 * {@code -Donnxruntime.native.path} wins; {@code -Daekit.nativeCache=false} turns the cache off; any failure
 * (read-only home, noexec mount, a damaged copy) leaves ONNX Runtime's own extraction in charge.
 */
public final class OrtNativeCache {
    private static boolean installed;

    private OrtNativeCache() {
    }

    /**
     * Prepares the cache and sets the property, once per process; does nothing if that is not possible. Called
     * before ONNX Runtime is first used (the start-up warm-up thread, and every model opening, which waits here
     * while another thread is still unpacking).
     */
    public static synchronized void install() {
        if (installed) {
            return;
        }
        installed = true;
        if (System.getProperty("onnxruntime.native.path") != null
                || "false".equalsIgnoreCase(System.getProperty("aekit.nativeCache"))) {
            return;
        }
        try {
            Path dir = prepare(cacheRoot());
            if (dir != null && loads(dir)) {
                System.setProperty("onnxruntime.native.path", dir.toString());
            }
        } catch (IOException | RuntimeException e) {
            // ONNX Runtime unpacks to a temp folder as usual
        }
    }

    /**
     * Whether the cached runtime library loads (it stays loaded, and ONNX Runtime's own load of the same file is then
     * a no-op). A copy that does not (a home mounted noexec, a damaged file) is removed, and ONNX Runtime unpacks to
     * a temp folder as it would without the cache.
     */
    static boolean loads(Path dir) {
        Path lib = dir.resolve(System.mapLibraryName("onnxruntime"));
        if (!Files.isRegularFile(lib)) {
            return true; // a platform whose runtime is linked into the JNI library: nothing to try first
        }
        try {
            System.load(lib.toString());
            return true;
        } catch (UnsatisfiedLinkError e) {
            deleteTree(dir);
            return false;
        }
    }

    /** The cache root: $XDG_CACHE_HOME/aekit or ~/.cache/aekit. */
    static Path cacheRoot() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("aekit");
    }

    /** The folder holding the jar's native libraries under {@code root}, unpacked if needed; null if not from a jar. */
    static Path prepare(Path root) throws IOException {
        String folder = "ai/onnxruntime/native/" + osArch() + "/";
        URL probe = OrtNativeCache.class.getClassLoader().getResource(folder + System.mapLibraryName("onnxruntime4j_jni"));
        if (probe == null || !probe.getProtocol().equals("jar")) {
            return null; // not running from a jar (tests in an IDE): ONNX Runtime's default is fine
        }
        JarURLConnection conn = (JarURLConnection) probe.openConnection();
        conn.setUseCaches(true);
        JarFile jar = conn.getJarFile();
        List<JarEntry> libs = new ArrayList<>();
        long key = 17;
        for (Enumeration<JarEntry> en = jar.entries(); en.hasMoreElements(); ) {
            JarEntry e = en.nextElement();
            if (e.getName().startsWith(folder) && !e.isDirectory() && e.getName().indexOf('/', folder.length()) < 0) {
                libs.add(e);
                key = key * 31 + e.getCrc() * 1_000_003L + e.getSize();
            }
        }
        if (libs.isEmpty()) {
            return null;
        }
        Path dir = root.resolve("onnxruntime-" + osArch() + "-" + Long.toHexString(key));
        if (complete(dir, libs, folder)) {
            return dir;
        }
        Files.createDirectories(root);
        removeStaleCopies(root);
        if (Files.isDirectory(dir)) {
            deleteTree(dir); // an incomplete or damaged copy (a file truncated or replaced since): make it again
        }
        Path tmp = Files.createTempDirectory(root, ".onnxruntime-");
        try {
            for (JarEntry e : libs) {
                try (InputStream in = jar.getInputStream(e)) {
                    Files.copy(in, tmp.resolve(e.getName().substring(folder.length())));
                }
            }
            try {
                Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                if (!complete(dir, libs, folder)) { // another process did not just put it there first
                    throw e;
                }
            }
        } finally {
            deleteTree(tmp);
        }
        return complete(dir, libs, folder) ? dir : null;
    }

    private static boolean complete(Path dir, List<JarEntry> libs, String folder) throws IOException {
        for (JarEntry e : libs) {
            Path f = dir.resolve(e.getName().substring(folder.length()));
            if (!Files.isRegularFile(f) || Files.size(f) != e.getSize()) {
                return false;
            }
        }
        return true;
    }

    /** Removes half-made copies (".onnxruntime-*") that a process killed while copying left over an hour ago. */
    private static void removeStaleCopies(Path root) {
        long hourAgo = System.currentTimeMillis() - 3_600_000L;
        try (var s = Files.newDirectoryStream(root, ".onnxruntime-*")) {
            for (Path p : s) {
                if (Files.getLastModifiedTime(p).toMillis() < hourAgo) {
                    deleteTree(p);
                }
            }
        } catch (IOException e) {
            // best effort
        }
    }

    private static void deleteTree(Path tmp) {
        try (var s = Files.list(tmp)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                Files.deleteIfExists(p);
            }
            Files.deleteIfExists(tmp);
        } catch (IOException e) {
            // moved into place (nothing left) or a leftover in the cache folder, never loaded
        }
    }

    /** ONNX Runtime's name for this platform's folder in its jar (linux-x64, osx-aarch64, win-x64, ...). */
    static String osArch() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        String o = os.contains("mac") || os.contains("darwin") ? "osx" : os.contains("win") ? "win" : "linux";
        String a = arch.startsWith("amd64") || arch.startsWith("x86_64") ? "x64"
                : arch.startsWith("aarch64") ? "aarch64" : arch;
        return o + "-" + a;
    }
}
