package aekit.spark;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.RemoteIterator;

/**
 * Paths and atomic writes on any Hadoop file system: where an input's relative path starts, and outputs written to a
 * temp name beside the target and renamed, so that a reader, a retried task or a speculative copy never sees a
 * partial file.
 */
public final class HadoopFiles {
    private static final AtomicLong COUNTER = new AtomicLong();
    /** Temp files: ".NAME.aekit-APP-STAGE-PARTITION-ATTEMPT-N.tmp", hidden from Spark's and aekit's listings. */
    static final Pattern TEMP = Pattern.compile("\\..*\\.aekit-(.+)-\\d+-\\d+-\\d+-\\d+\\.tmp");
    /** Temp files of other runs older than this are taken as left by a run that died, and removed. */
    static final long STALE_MILLIS = 24L * 3600 * 1000;

    private HadoopFiles() {
    }

    /** True if a path string has Hadoop glob characters. */
    static boolean isGlob(String p) {
        return p.matches(".*[*?\\[\\]{}].*");
    }

    /**
     * The folder relative output paths start from: the input folder itself; for a file, its folder (the output is
     * its name); for a glob, the longest leading part without glob characters. Fully qualified.
     */
    public static Path root(String input, Configuration conf) throws IOException {
        Path p = new Path(input);
        FileSystem fs = p.getFileSystem(conf);
        if (isGlob(input)) {
            Path r = p;
            while (r != null && isGlob(r.toUri().getPath())) {
                r = r.getParent();
            }
            if (r == null) {
                throw new IllegalArgumentException(input + ": a glob needs a folder before its first wildcard");
            }
            return fs.makeQualified(r);
        }
        Path q = fs.makeQualified(p);
        FileStatus st;
        try {
            st = fs.getFileStatus(q);
        } catch (java.io.FileNotFoundException e) {
            throw new IllegalArgumentException(input + ": no such file or folder");
        }
        return st.isDirectory() ? q : q.getParent();
    }

    /**
     * Every input file of {@code input} (a file, a folder walked recursively, or a glob whose matches are taken the
     * same way), fully qualified, by the CLI's rule: names starting with "." are skipped below what was given, and
     * so are files still being copied in ("NAME._COPYING_", what {@code hdfs dfs -put} writes to first). Names
     * starting with "_" are kept: Spark's own file sources drop them as metadata (a camera's "_DSC0042.JPG" with
     * them), which is why the job lists with this. The walk runs on the driver, one folder listing at a time.
     *
     * @throws IllegalArgumentException if a plain path does not exist or a glob matches nothing
     */
    public static List<FileStatus> inputFiles(String input, Configuration conf) throws IOException {
        Path p = new Path(input);
        FileSystem fs = p.getFileSystem(conf);
        FileStatus[] matches;
        if (isGlob(input)) {
            // as a shell expands it: no match through a hidden name below the glob's fixed part
            String fixed = dirString(root(input, conf)) + "/";
            matches = fs.globStatus(fs.makeQualified(p), m -> {
                String rel = m.toString().startsWith(fixed) ? m.toString().substring(fixed.length()) : m.getName();
                return java.util.Arrays.stream(rel.split("/")).noneMatch(HadoopFiles::skipped);
            });
            if (matches == null || matches.length == 0) {
                throw new IllegalArgumentException(input + ": matches no file or folder");
            }
        } else {
            try {
                matches = new FileStatus[] {fs.getFileStatus(fs.makeQualified(p))};
            } catch (java.io.FileNotFoundException e) {
                throw new IllegalArgumentException(input + ": no such file or folder");
            }
        }
        List<FileStatus> files = new java.util.ArrayList<>();
        java.util.ArrayDeque<FileStatus> todo = new java.util.ArrayDeque<>(List.of(matches));
        while (!todo.isEmpty()) {
            FileStatus st = todo.pop();
            if (st.isFile()) {
                files.add(st);
            } else if (st.isDirectory()) {
                for (FileStatus child : fs.listStatus(st.getPath())) {
                    if (!skipped(child.getPath().getName())) {
                        todo.push(child);
                    }
                }
            }
        }
        return files;
    }

    /** Names no listing takes: hidden ones, and files still being copied in. */
    private static boolean skipped(String name) {
        return name.startsWith(".") || name.endsWith("._COPYING_");
    }

    /** A qualified folder path as a string without a trailing slash. */
    static String dirString(Path qualified) {
        String s = qualified.toString();
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    /** A file system that writes no checksum side files (.NAME.crc) on the local file system. */
    public static FileSystem fileSystem(Path p, Configuration conf) throws IOException {
        FileSystem fs = p.getFileSystem(conf);
        return fs instanceof LocalFileSystem local ? local.getRawFileSystem() : fs;
    }

    /** Called between writing a temp file and renaming it (tests inject failures there). */
    @FunctionalInterface
    public interface BeforeRename {
        void at(Path target) throws IOException;
    }

    /** What an atomic write found. */
    public enum Written { WRITTEN, ALREADY_THERE }

    /**
     * Writes {@code data} to {@code target}: to a temp file in its folder, then renamed. With {@code overwrite} an
     * existing target is replaced; without it, a target that appears meanwhile (another attempt of the same task
     * writing the same bytes) is left as it is and this copy dropped. The temp file never outlives the call.
     *
     * @param tag names the writer in the temp name (application, stage, partition, attempt), see {@link #TEMP}
     */
    public static Written write(FileSystem fs, Path target, byte[] data, boolean overwrite, String tag,
                                BeforeRename hook) throws IOException {
        Path tmp = new Path(target.getParent(), "." + stem(target.getName()) + ".aekit-" + tag + "-"
                + COUNTER.incrementAndGet() + ".tmp");
        if (fs instanceof RawLocalFileSystem local) {
            return writeLocal(local.pathToFile(target).toPath(), local.pathToFile(tmp).toPath(), data, overwrite,
                    target, hook);
        }
        boolean moved = false;
        try {
            try (OutputStream out = fs.create(tmp, false)) {
                out.write(data);
            }
            hook.at(target);
            if (!overwrite && fs.exists(target)) {
                return Written.ALREADY_THERE; // a speculative or retried copy of this task wrote it first
            }
            if (fs.rename(tmp, target)) {
                moved = true;
                return Written.WRITTEN;
            }
            if (!fs.exists(target)) {
                throw new IOException("cannot rename " + tmp + " to " + target);
            }
            if (!overwrite) {
                return Written.ALREADY_THERE; // a speculative or retried copy of this task wrote it first
            }
            fs.delete(target, false); // file systems whose rename does not replace (HDFS)
            if (!fs.rename(tmp, target)) {
                throw new IOException("cannot rename " + tmp + " to " + target);
            }
            moved = true;
            return Written.WRITTEN;
        } finally {
            if (!moved) {
                try {
                    fs.delete(tmp, false);
                } catch (IOException e) {
                    // the sweep at the end of the job removes it
                }
            }
        }
    }

    /**
     * {@link #write} on the local file system through java.nio: Hadoop's local file system starts a chmod process
     * for every file and folder it creates (without its native library), which cost more than the model.
     */
    private static Written writeLocal(java.nio.file.Path target, java.nio.file.Path tmp, byte[] data,
                                      boolean overwrite, Path hadoopTarget, BeforeRename hook) throws IOException {
        java.nio.file.Files.createDirectories(target.getParent());
        boolean moved = false;
        try {
            java.nio.file.Files.write(tmp, data, java.nio.file.StandardOpenOption.CREATE_NEW,
                    java.nio.file.StandardOpenOption.WRITE);
            hook.at(hadoopTarget);
            if (!overwrite && java.nio.file.Files.exists(target)) {
                return Written.ALREADY_THERE; // a speculative or retried copy of this task wrote it first
            }
            java.nio.file.Files.move(tmp, target, java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            moved = true;
            return Written.WRITTEN;
        } finally {
            if (!moved) {
                java.nio.file.Files.deleteIfExists(tmp);
            }
        }
    }

    /** Whether a file exists (on the local file system without Hadoop's per-call overhead). */
    static boolean exists(FileSystem fs, Path p) throws IOException {
        if (fs instanceof RawLocalFileSystem local) {
            return local.pathToFile(p).exists();
        }
        return fs.exists(p);
    }

    /** A small file's content as UTF-8 text. */
    static String readText(FileSystem fs, Path p) throws IOException {
        if (fs instanceof RawLocalFileSystem local) {
            return java.nio.file.Files.readString(local.pathToFile(p).toPath());
        }
        try (java.io.InputStream in = fs.open(p)) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    /** The target's name in printable ASCII, at most 100 characters (any legal name gives a legal temp name). */
    static String stem(String name) {
        StringBuilder b = new StringBuilder(Math.min(name.length(), 100));
        for (int i = 0; i < name.length() && b.length() < 100; i++) {
            char c = name.charAt(i);
            b.append(c >= 0x20 && c < 0x7f && c != '/' && c != ':' ? c : '_');
        }
        return b.toString();
    }

    /**
     * Removes the temp files under {@code dir} left by this application (attempts that were killed or lost with
     * their executor; every task of the job has ended) and those of other runs older than a day; returns
     * {removed, other runs' recent temp files left alone}.
     */
    public static long[] sweepTemps(FileSystem fs, Path dir, String appId, long now) throws IOException {
        long removed = 0;
        long kept = 0;
        if (fs instanceof RawLocalFileSystem local) {
            // Hadoop's local listing starts a process per file for its permissions: walk it here instead
            java.nio.file.Path root = local.pathToFile(dir).toPath();
            if (!java.nio.file.Files.isDirectory(root)) {
                return new long[] {0, 0};
            }
            List<java.nio.file.Path> temps;
            try (java.util.stream.Stream<java.nio.file.Path> w = java.nio.file.Files.walk(root)) {
                temps = w.filter(p -> TEMP.matcher(p.getFileName().toString()).matches()).toList();
            }
            for (java.nio.file.Path p : temps) {
                Matcher m = TEMP.matcher(p.getFileName().toString());
                m.matches();
                long age = now - java.nio.file.Files.getLastModifiedTime(p).toMillis();
                if (m.group(1).equals(appId) || age > STALE_MILLIS) {
                    if (java.nio.file.Files.deleteIfExists(p)) {
                        removed++;
                    }
                } else {
                    kept++;
                }
            }
            return new long[] {removed, kept};
        }
        if (!fs.exists(dir)) {
            return new long[] {0, 0};
        }
        RemoteIterator<LocatedFileStatus> it = fs.listFiles(dir, true);
        while (it.hasNext()) {
            LocatedFileStatus st = it.next();
            Matcher m = TEMP.matcher(st.getPath().getName());
            if (!m.matches()) {
                continue;
            }
            boolean ours = m.group(1).equals(appId);
            if (ours || now - st.getModificationTime() > STALE_MILLIS) {
                if (fs.delete(st.getPath(), false)) {
                    removed++;
                }
            } else {
                kept++;
            }
        }
        return new long[] {removed, kept};
    }
}
