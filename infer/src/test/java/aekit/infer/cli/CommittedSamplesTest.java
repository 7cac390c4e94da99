package aekit.infer.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/**
 * The committed samples/ folders are what README says made them: the same make-samples command line today writes
 * the same files, byte for byte.
 */
class CommittedSamplesTest {
    static final Path FIXTURES = InferCliTest.FIXTURES;
    static final Path SAMPLES = FIXTURES.resolveSibling("samples");

    @ParameterizedTest
    @ValueSource(strings = {"mnist-noisy", "photos-noisy"})
    void makeSamplesWritesTheCommittedFiles(String name, @TempDir Path tmp) throws IOException {
        Path out = tmp.resolve(name);
        List<String> args = name.equals("mnist-noisy")
                ? List.of(FIXTURES.resolve("mnist/t10k-images-idx3-ubyte.gz").toString(), "-o", out.toString(),
                        "--count", "12", "--noise", "0.4")
                : List.of(FIXTURES.resolve("photos/clean").toString(), "-o", out.toString(), "--sigma", "25");
        assertEquals(0, new CommandLine(new MakeSamplesCommand()).execute(args.toArray(String[]::new)));
        List<Path> committed = files(SAMPLES.resolve(name));
        assertEquals(committed.stream().map(p -> p.getFileName().toString()).toList(),
                files(out).stream().map(p -> p.getFileName().toString()).toList());
        for (Path p : committed) {
            assertArrayEquals(Files.readAllBytes(p), Files.readAllBytes(out.resolve(p.getFileName())),
                    name + "/" + p.getFileName());
        }
    }

    private static List<Path> files(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> !p.getFileName().toString().startsWith(".")).sorted().toList();
        }
    }
}
