package aekit.infer.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The native-library cache: unpacked once, reused, repaired when damaged; a copy that does not load is dropped. */
class OrtNativeCacheTest {
    @TempDir
    Path tmp;

    @Test
    void unpacksOnceReusesAndRepairs() throws IOException {
        Path dir = OrtNativeCache.prepare(tmp);
        assertNotNull(dir, "ONNX Runtime's classes come from its jar in the test class path");
        Path lib = dir.resolve(System.mapLibraryName("onnxruntime"));
        long size = Files.size(lib);
        assertTrue(size > 1_000_000, "the runtime library: " + size + " bytes");
        long stamp = Files.getLastModifiedTime(lib).toMillis();
        assertEquals(dir, OrtNativeCache.prepare(tmp));
        assertEquals(stamp, Files.getLastModifiedTime(lib).toMillis(), "a complete copy is not written again");
        Files.write(lib, new byte[10]); // damaged
        assertEquals(dir, OrtNativeCache.prepare(tmp));
        assertEquals(size, Files.size(lib), "repaired");
        try (var s = Files.list(tmp)) {
            assertEquals(1, s.count(), "no temp folders left beside the copy");
        }
    }

    @Test
    void aCopyThatDoesNotLoadIsRemoved() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("bad"));
        Files.write(dir.resolve(System.mapLibraryName("onnxruntime")), "not a shared library".getBytes());
        assertFalse(OrtNativeCache.loads(dir));
        assertFalse(Files.exists(dir));
    }
}
