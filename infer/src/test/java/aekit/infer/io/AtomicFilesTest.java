package aekit.infer.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
    @TempDir
    Path tmp;

    @Test
    void failedWriteLeavesTheOldContentAndNoTempFile() throws IOException {
        Path f = tmp.resolve("out.txt");
        AtomicFiles.writeString(f, "old");
        IOException e = assertThrows(IOException.class, () -> AtomicFiles.write(f, out -> {
            out.write("half of the new con".getBytes());
            throw new IOException("No space left on device");
        }));
        assertTrue(e.getMessage().startsWith(f + ": could not write (No space left on device"), e.getMessage());
        assertEquals("old", Files.readString(f));
        try (Stream<Path> s = Files.list(tmp)) {
            assertEquals(1, s.count(), "only the target remains");
        }
    }

    @Test
    void interruptedFirstWriteLeavesNothing() throws IOException {
        Path f = tmp.resolve("new.png");
        assertThrows(IOException.class, () -> AtomicFiles.write(f, out -> {
            throw new IOException("interrupted");
        }));
        assertFalse(Files.exists(f));
        try (Stream<Path> s = Files.list(tmp)) {
            assertEquals(0, s.count(), "the temp file is removed too");
        }
    }
}
