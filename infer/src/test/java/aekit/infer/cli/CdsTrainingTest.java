package aekit.infer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The launcher's class-data-sharing training run: every command succeeds and nothing is left behind. */
class CdsTrainingTest {
    @Test
    void everyCommandSucceedsAndTheTemporaryFolderGoes() throws IOException {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        long before = leftovers(tmp);
        java.io.PrintStream out = System.out;
        java.io.PrintStream err = System.err;
        assertEquals(0, CdsTraining.run(), "commands that failed");
        assertEquals(before, leftovers(tmp), "aekit-cds folders in " + tmp);
        org.junit.jupiter.api.Assertions.assertSame(out, System.out, "stdout given back");
        org.junit.jupiter.api.Assertions.assertSame(err, System.err, "stderr given back");
    }

    private static long leftovers(Path tmp) throws IOException {
        try (Stream<Path> s = Files.list(tmp)) {
            return s.filter(p -> p.getFileName().toString().startsWith("aekit-cds")).count();
        }
    }
}
