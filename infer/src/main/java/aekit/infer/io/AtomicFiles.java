package aekit.infer.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Writes files so that readers see the old content or the complete new content, never a half-written file:
 * the bytes go to a temp file in the same folder, which is synced and then renamed over the target. If writing
 * fails (a full disk, say) the temp file is removed and the target is untouched.
 */
public final class AtomicFiles {
    private static final long PID = ProcessHandle.current().pid();
    private static final java.util.concurrent.atomic.AtomicLong COUNTER = new java.util.concurrent.atomic.AtomicLong();

    /** Temp files being written right now (see {@link #cleanUpOnExit()}). */
    private static final java.util.Set<Path> IN_FLIGHT = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /**
     * Removes temp files still being written when the process is interrupted (Ctrl-C), so an interrupted batch
     * run leaves only complete outputs. Not for the trainer, whose own shutdown hook still writes a checkpoint.
     */
    public static void cleanUpOnExit() {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            closing = true;
            IN_FLIGHT.forEach(AtomicFiles::deleteQuietly);
        }, "aekit-temp-cleanup"));
    }

    /** Set when the process is exiting: no new file is started, and one being started removes its temp file. */
    private static volatile boolean closing;

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            // best effort at exit
        }
    }

    private AtomicFiles() {
    }

    /** Something that writes a file's content to a stream. */
    @FunctionalInterface
    public interface Body {
        void writeTo(OutputStream out) throws IOException;
    }

    /** Writes {@code file} from {@code body} atomically and durably (synced to disk before the rename). */
    public static void write(Path file, Body body) throws IOException {
        write(file, body, true);
    }

    /**
     * Writes {@code file} from {@code body} atomically; with {@code sync} the bytes are also forced to disk before
     * the rename (checkpoints, bundles). Without it (batch outputs, thousands of small files) an interrupted or
     * crashed process still leaves no partial file; only a power loss could.
     */
    public static void write(Path file, Body body, boolean sync) throws IOException {
        write(file, body, sync, true);
    }

    /**
     * Writes {@code content} to {@code file} atomically; with {@code sync} also durably. One write call and no
     * stream buffer: the path for thousands of small outputs.
     */
    public static void write(Path file, byte[] content, boolean sync) throws IOException {
        write(file, out -> out.write(content), sync, false);
    }

    private static void write(Path file, Body body, boolean sync, boolean buffered) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        if (!Files.isDirectory(dir)) {
            try {
                Files.createDirectories(dir);
            } catch (IOException e) {
                throw new WriteFailedException(file, e);
            }
        }
        if (closing) {
            throw new IOException(file + ": not written, the process is exiting");
        }
        // ".NAME.PID-N.tmp", created exclusively: unique in this process and among processes, and cheaper than
        // createTempFile's random names; created with the usual permissions (umask), so no chmod is needed. NAME is
        // the target's name in printable ASCII, cut short: any legal name gives a legal temp name (NAME_MAX, and
        // names whose bytes are not valid in the platform encoding)
        Path tmp = dir.resolve("." + tempStem(file) + "." + PID + "-" + COUNTER.incrementAndGet() + ".tmp");
        IN_FLIGHT.add(tmp);
        if (closing) {
            deleteQuietly(tmp);
            IN_FLIGHT.remove(tmp);
            throw new IOException(file + ": not written, the process is exiting");
        }
        boolean moved = false;
        try {
            OutputStream file0 = Files.newOutputStream(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            try (OutputStream out = buffered ? new BufferedOutputStream(file0, 1 << 16) : file0) {
                body.writeTo(out);
            }
            if (sync) {
                try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                    ch.force(true);
                }
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            moved = true;
        } catch (IOException e) {
            throw new WriteFailedException(file, e);
        } finally {
            if (!moved) {
                Files.deleteIfExists(tmp);
            }
            IN_FLIGHT.remove(tmp);
        }
    }

    /** The longest target-name part of a temp file's name. */
    static final int STEM_MAX = 100;

    /** A temp file of this class: ".NAME.PID-N.tmp". */
    private static final java.util.regex.Pattern TEMP = java.util.regex.Pattern.compile("\\..*\\.(\\d+)-\\d+\\.tmp");

    /** The target's name as used in its temp file's name: printable ASCII, at most {@link #STEM_MAX} characters. */
    static String tempStem(Path file) {
        String name = file.getFileName().toString();
        StringBuilder b = new StringBuilder(Math.min(name.length(), STEM_MAX));
        for (int i = 0; i < name.length() && b.length() < STEM_MAX; i++) {
            char c = name.charAt(i);
            b.append(c >= 0x20 && c < 0x7f && c != '/' ? c : '_');
        }
        return b.toString();
    }

    /**
     * Removes this class's temp files in {@code dir} that belong to processes no longer running (left by a
     * kill -9 or a power loss); returns how many. Files of live processes and all other files are left alone; a
     * folder that cannot be listed is skipped (best effort: the caller reports its own errors).
     */
    public static int removeStaleTemps(Path dir) {
        int removed = 0;
        try (java.nio.file.DirectoryStream<Path> ds = Files.newDirectoryStream(dir, ".*.tmp")) {
            for (Path p : ds) {
                java.util.regex.Matcher m = TEMP.matcher(p.getFileName().toString());
                if (!m.matches()) {
                    continue;
                }
                long pid;
                try {
                    pid = Long.parseLong(m.group(1));
                } catch (NumberFormatException e) {
                    continue;
                }
                if (pid == PID || IN_FLIGHT.contains(p) || ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                    continue;
                }
                if (Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS) && Files.deleteIfExists(p)) {
                    removed++;
                }
            }
        } catch (IOException | java.nio.file.DirectoryIteratorException e) {
            // nothing to clean, or not ours to clean
        }
        return removed;
    }

    /** Writes bytes atomically and durably. */
    public static void write(Path file, byte[] content) throws IOException {
        write(file, content, true);
    }

    /** Writes UTF-8 text atomically. */
    public static void writeString(Path file, String content) throws IOException {
        write(file, content.getBytes(StandardCharsets.UTF_8));
    }
}
