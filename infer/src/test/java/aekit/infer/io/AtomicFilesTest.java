package aekit.infer.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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

    @Test
    void aLegalLongNameIsWrittenAndTheReasonIsTheSystemsNotATempPath() throws IOException {
        Path f = tmp.resolve("n".repeat(251) + ".png"); // 255 bytes: NAME_MAX
        AtomicFiles.write(f, new byte[] {1, 2, 3}, false);
        assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(f));
        Path missing = tmp.resolve("no-such-folder-is-a-file");
        Files.writeString(missing, "x");
        WriteFailedException e = assertThrows(WriteFailedException.class,
                () -> AtomicFiles.write(missing.resolve("a.png"), new byte[1], false));
        assertEquals(missing.resolve("a.png") + ": could not write (" + e.reason() + ")", e.getMessage());
        assertFalse(e.getMessage().contains(".tmp"), e.getMessage());
        assertFalse(e.noSpace());
    }

    @Test
    void onlyTempFilesOfDeadProcessesAreRemoved() throws IOException {
        Path dead = Files.createFile(tmp.resolve(".a.png.2147483647-3.tmp"));
        Path alive = Files.createFile(tmp.resolve(".b.png." + ProcessHandle.current().parent().orElseThrow().pid()
                + "-3.tmp"));
        Path mine = Files.createFile(tmp.resolve(".c.png." + ProcessHandle.current().pid() + "-999999.tmp"));
        Path user = Files.createFile(tmp.resolve(".x.1-1.tmp.keep"));
        assertEquals(1, AtomicFiles.removeStaleTemps(tmp));
        assertFalse(Files.exists(dead));
        assertTrue(Files.exists(alive) && Files.exists(mine) && Files.exists(user));
    }

    @Test
    void namesAreEscapedToOneLine() {
        assertEquals("a\\nb\\tc\\x1b.png", PrintableNames.escape("a\nb\tc\u001b.png"));
        assertEquals("plain", PrintableNames.escape("plain"));
    }
}
