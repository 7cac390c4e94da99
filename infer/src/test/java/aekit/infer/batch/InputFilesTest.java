package aekit.infer.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The streaming folder walk gives the files of a sorted full walk, in that order; output claims find clashes. */
class InputFilesTest {
    @TempDir
    Path tmp;

    @Test
    void walkOrderIsTheSortedFullPathOrder() throws IOException {
        Path root = tmp.resolve("in");
        for (String f : new String[] {"a.png", "a/b.png", "a/z/c.png", "a-b.png", "a0.png", "b.png", ".hidden.png",
            "sub/.tmp", "sub/x.jpg", "sub/deeper/y.png", "A.png", "a/.hidden/in-hidden-folder.png"}) {
            Path p = root.resolve(f);
            Files.createDirectories(p.getParent());
            Files.writeString(p, f);
        }
        Files.createDirectories(root.resolve("empty"));
        Files.createSymbolicLink(root.resolve("link.png"), root.resolve("b.png"));
        List<Path> expected = new ArrayList<>();
        try (Stream<Path> s = Files.walk(root)) {
            s.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith(".")).sorted()
                    .forEach(expected::add);
        }
        List<Path> got = new ArrayList<>();
        List<Path> relative = new ArrayList<>();
        for (Iterator<InputFiles.InputFile> it = InputFiles.walk(List.of(root)); it.hasNext(); ) {
            InputFiles.InputFile f = it.next();
            got.add(f.path());
            relative.add(f.relative());
        }
        assertEquals(expected, got);
        assertEquals(11, got.size());
        assertEquals(Path.of("a", ".hidden", "in-hidden-folder.png"), relative.get(got.indexOf(
                root.resolve("a/.hidden/in-hidden-folder.png"))));
        Path single = root.resolve("sub/x.jpg");
        Iterator<InputFiles.InputFile> one = InputFiles.walk(List.of(single));
        assertEquals(new InputFiles.InputFile(single, Path.of("x.jpg")), one.next());
        assertThrows(IllegalArgumentException.class, () -> InputFiles.walk(List.of(root.resolve("missing"))));
    }

    @Test
    void claimsFindClashesAcrossSubfolderRuns() {
        Path in = tmp.resolve("in");
        Path out = tmp.resolve("out");
        OutputClaims claims = new OutputClaims(1);
        assertNull(claims.claim(out.resolve("d.png"), in.resolve("d.bmp")).previous());
        assertNull(claims.claim(out.resolve("d/x.png"), in.resolve("d/x.png")).previous());
        assertNull(claims.claim(out.resolve("d/e/y.png"), in.resolve("d/e/y.png")).previous());
        assertEquals(in.resolve("d.bmp"), claims.claim(out.resolve("d.png"), in.resolve("d.png")).previous().input());
        assertNull(claims.claim(out.resolve("e.png"), in.resolve("e.png")).previous());
        OutputClaims two = new OutputClaims(2);
        assertNull(two.claim(out.resolve("x.png"), tmp.resolve("one/x.png")).previous());
        assertNull(two.claim(out.resolve("y.png"), tmp.resolve("one/sub/y.png")).previous());
        assertEquals(tmp.resolve("one/x.png"), two.claim(out.resolve("x.png"), tmp.resolve("two/x.png")).previous().input());
    }

    @Test
    void theOutputFolderIsNeverWalked() throws IOException {
        Path root = tmp.resolve("in");
        for (String f : new String[] {"a/x.png", "z/out/a/x.png", "z/y.png", "real/w.png"}) {
            Path p = root.resolve(f);
            Files.createDirectories(p.getParent());
            Files.writeString(p, f);
        }
        List<Path> got = new ArrayList<>();
        InputFiles.walk(List.of(root), root.resolve("z/out")).forEachRemaining(f -> got.add(f.relative()));
        assertEquals(List.of(Path.of("a/x.png"), Path.of("real/w.png"), Path.of("z/y.png")), got);
        Path link = Files.createSymbolicLink(tmp.resolve("link"), root.resolve("real"));
        got.clear();
        InputFiles.walk(List.of(root), link).forEachRemaining(f -> got.add(f.relative()));
        assertEquals(List.of(Path.of("a/x.png"), Path.of("z/out/a/x.png"), Path.of("z/y.png")), got,
                "an output reached through a link is the same folder");
    }

    @Test
    void outputNamesReplaceTheExtension() {
        Path out = Path.of("/o");
        assertEquals(Path.of("/o/sub/a.png"), InputFiles.target(out, Path.of("sub/a.jpg"), "png"));
        assertEquals(Path.of("/o/a.b.png"), InputFiles.target(out, Path.of("a.b.png"), "png"));
        assertEquals(Path.of("/o/.x.png"), InputFiles.target(out, Path.of(".x"), "png"));
        assertEquals(Path.of("/o/a.error.png"), InputFiles.withSuffix(Path.of("/o/a.png"), ".error.png"));
    }
}
