package aekit.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.FilterFileSystem;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Atomic writes on both paths (java.nio for local files; Hadoop's create and rename for every other file system,
 * exercised here through a filter over the local one), the temp sweep, the input root of folders, files and globs,
 * and how files are spread over tasks.
 */
class HadoopFilesTest {
    static List<FileSystem> fileSystems() throws IOException {
        RawLocalFileSystem raw = new RawLocalFileSystem();
        raw.initialize(java.net.URI.create("file:///"), new Configuration());
        return List.of(raw, new FilterFileSystem(raw) { }); // the second is "any other file system"
    }

    @Test
    void writesAreAtomicAndLeaveNoTempFile(@TempDir Path tmp) throws IOException {
        for (FileSystem fs : fileSystems()) {
            Path dir = tmp.resolve(fs.getClass().getSimpleName() + fs.hashCode());
            org.apache.hadoop.fs.Path target = new org.apache.hadoop.fs.Path(dir.resolve("a/b.png").toUri());
            assertEquals(HadoopFiles.Written.WRITTEN, HadoopFiles.write(fs, target, new byte[] {1}, false, "app-1-0-0-0",
                    t -> { }));
            assertArrayEquals(new byte[] {1}, Files.readAllBytes(dir.resolve("a/b.png")));
            assertEquals(HadoopFiles.Written.ALREADY_THERE, HadoopFiles.write(fs, target, new byte[] {2}, false,
                    "app-1-0-0-1", t -> { }), "another attempt's copy is dropped");
            assertArrayEquals(new byte[] {1}, Files.readAllBytes(dir.resolve("a/b.png")));
            assertEquals(HadoopFiles.Written.WRITTEN, HadoopFiles.write(fs, target, new byte[] {3}, true, "app-1-0-0-2",
                    t -> { }), "overwrite replaces");
            assertArrayEquals(new byte[] {3}, Files.readAllBytes(dir.resolve("a/b.png")));
            assertThrows(IOException.class, () -> HadoopFiles.write(fs, target, new byte[] {4}, true, "app-1-0-0-3",
                    t -> {
                        throw new IOException("injected");
                    }));
            assertArrayEquals(new byte[] {3}, Files.readAllBytes(dir.resolve("a/b.png")), "untouched by a failure");
            try (Stream<Path> s = Files.list(dir.resolve("a"))) {
                assertEquals(List.of("b.png"), s.map(p -> p.getFileName().toString()).toList(), "no temp file");
            }
        }
    }

    @Test
    void theSweepRemovesThisRunsTempsAndOldOnesOfOthers(@TempDir Path tmp) throws IOException {
        for (FileSystem fs : fileSystems()) {
            Path dir = tmp.resolve(fs.getClass().getSimpleName() + fs.hashCode());
            Files.createDirectories(dir.resolve("x"));
            Path ours = Files.write(dir.resolve("x/.a.png.aekit-local-123-4-0-1-7.tmp"), new byte[1]);
            Path recent = Files.write(dir.resolve(".b.png.aekit-app-2026-0001-4-0-1-7.tmp"), new byte[1]);
            Path old = Files.write(dir.resolve(".c.png.aekit-app-2025-0001-4-0-1-7.tmp"), new byte[1]);
            Files.setLastModifiedTime(old, java.nio.file.attribute.FileTime.fromMillis(0));
            Path other = Files.write(dir.resolve(".d.png.tmp"), new byte[1]);
            long[] r = HadoopFiles.sweepTemps(fs, new org.apache.hadoop.fs.Path(dir.toUri()), "local-123",
                    System.currentTimeMillis());
            assertEquals(2, r[0], "removed");
            assertEquals(1, r[1], "another run's recent temp file is left alone");
            assertEquals(List.of(false, true, false, true), Stream.of(ours, recent, old, other).map(Files::exists)
                    .toList());
        }
    }

    @Test
    void relativePathsStartAtTheFolderTheFilesFolderOrTheGlobsFixedPart(@TempDir Path tmp) throws IOException {
        Configuration conf = new Configuration();
        Files.createDirectories(tmp.resolve("in/a"));
        Files.write(tmp.resolve("in/a/x.png"), new byte[1]);
        String in = "file:" + tmp.resolve("in");
        assertEquals(in, HadoopFiles.root(tmp.resolve("in").toString(), conf).toString());
        assertEquals(in + "/a", HadoopFiles.root(tmp.resolve("in/a/x.png").toString(), conf).toString());
        assertEquals(in, HadoopFiles.root(tmp.resolve("in") + "/*/x.png", conf).toString());
        assertThrows(IllegalArgumentException.class, () -> HadoopFiles.root(tmp.resolve("nothing").toString(), conf));
    }

    @Test
    void inputsAreEveryFileButHiddenAndHalfCopiedOnesUnderscoresIncluded(@TempDir Path tmp) throws IOException {
        Configuration conf = new Configuration();
        for (String f : List.of("in/a.png", "in/_DSC0042.JPG", "in/_raw/b.png", "in/sub/deep/c.png", "in/.hidden.png",
                "in/.cache/d.png", "in/e.png._COPYING_")) {
            Files.createDirectories(tmp.resolve(f).getParent());
            Files.write(tmp.resolve(f), new byte[3]);
        }
        String in = "file:" + tmp.resolve("in");
        assertEquals(List.of(in + "/_DSC0042.JPG", in + "/_raw/b.png", in + "/a.png", in + "/sub/deep/c.png"),
                names(HadoopFiles.inputFiles(tmp.resolve("in").toString(), conf)));
        assertEquals(List.of(in + "/_raw/b.png"), names(HadoopFiles.inputFiles(tmp.resolve("in") + "/*/*.png", conf)),
                "a glob as a shell expands it: not through .cache");
        assertEquals(List.of(in + "/_raw/b.png", in + "/sub/deep/c.png"),
                names(HadoopFiles.inputFiles(tmp.resolve("in") + "/{_raw,sub}", conf)), "matched folders walked");
        assertEquals(List.of(in + "/.hidden.png"),
                names(HadoopFiles.inputFiles(tmp.resolve("in/.hidden.png").toString(), conf)), "named, so taken");
        assertEquals(3L, HadoopFiles.inputFiles(tmp.resolve("in/a.png").toString(), conf).get(0).getLen());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> HadoopFiles.inputFiles(tmp.resolve("nothing") + "/*.png", conf));
        assertEquals(tmp.resolve("nothing") + "/*.png: matches no file or folder", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> HadoopFiles.inputFiles(tmp.resolve("no").toString(), conf));
    }

    private static List<String> names(List<org.apache.hadoop.fs.FileStatus> files) {
        return files.stream().map(f -> f.getPath().toString()).sorted().toList();
    }

    @Test
    void tasksTakeAboutAThousandFilesOrSixtyFourMegabytesAndTwoACore() {
        assertEquals(4, DenoiseJob.partitions(120, 120 * 300, 2), "two a core");
        assertEquals(10, DenoiseJob.partitions(10_000, 10_000 * 300, 2), "1000 small files a task");
        assertEquals(60, DenoiseJob.partitions(1000, 1000L * 4_000_000, 2), "64 MB of photos a task (4 GB / 64 MiB)");
        assertEquals(3, DenoiseJob.partitions(3, 300, 8), "never more tasks than files");
    }
}
