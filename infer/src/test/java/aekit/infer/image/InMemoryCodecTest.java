package aekit.infer.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aekit.infer.batch.OutputNames;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Decoding from bytes and encoding to bytes (for runs whose files are not local, such as the Spark job) give
 * exactly what decoding and writing local files give; messages name the file as the caller does.
 */
class InMemoryCodecTest {
    static final Path DIR = GoldenCorpusTest.DIR;

    @Test
    void bytesDecodeLikeTheFileOnEveryGoldenImage() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(DIR)) {
            files = s.filter(p -> p.getFileName().toString().matches(".*\\.(jpg|png|bmp|tiff|ppm|pgm|gif)"))
                    .sorted().toList();
        }
        int compared = 0;
        for (ImageFileReader decoder : List.of(new ImageFileReader(), new ImageFileReader().keepingAlpha())) {
            for (Path f : files) {
                RasterImage fromFile;
                try {
                    fromFile = decoder.read(f);
                } catch (ImageFormatException e) {
                    String name = "hdfs://nn:8020/in/" + f.getFileName();
                    ImageFormatException b = assertThrows(ImageFormatException.class,
                            () -> decoder.read(Files.readAllBytes(f), name), f.toString());
                    assertEquals(e.getMessage().substring(f.toString().length()),
                            b.getMessage().substring(name.length()), "the same reason, named as given");
                    continue;
                }
                RasterImage fromBytes = decoder.read(Files.readAllBytes(f), "s3a://bucket/" + f.getFileName());
                assertEquals(fromFile.width(), fromBytes.width(), f.toString());
                assertEquals(fromFile.height(), fromBytes.height(), f.toString());
                assertEquals(fromFile.channels(), fromBytes.channels(), f.toString());
                assertArrayEquals(fromFile.samples(), fromBytes.samples(), f.toString());
                assertArrayEquals(fromFile.alpha(), fromBytes.alpha(), f.toString());
                compared++;
            }
        }
        assertTrue(compared >= 30, "compared " + compared);
    }

    @Test
    void emptyAndCorruptBytesNameTheFile() {
        ImageFormatException e = assertThrows(ImageFormatException.class,
                () -> new ImageFileReader().read(new byte[0], "hdfs://nn/x/empty.png"));
        assertTrue(e.getMessage().startsWith("hdfs://nn/x/empty.png: empty file (expected a JPEG"), e.getMessage());
        e = assertThrows(ImageFormatException.class,
                () -> new ImageFileReader().read("not an image".getBytes(), "file:/x/a.jpg"));
        assertTrue(e.getMessage().startsWith("file:/x/a.jpg: not a supported image"), e.getMessage());
    }

    @Test
    void encodedBytesAreTheWrittenFile(@TempDir Path tmp) throws IOException {
        RasterImage rgb = new ImageFileReader().read(DIR.resolve("baseline.jpg"));
        RasterImage alpha = new ImageFileReader().keepingAlpha().read(DIR.resolve("alpha.png"));
        RasterImage grey = new ImageFileReader().read(DIR.resolve("grey.png"));
        for (RasterImage img : List.of(rgb, alpha, grey)) {
            for (String f : ImageFileWriter.FORMATS) {
                Path a = tmp.resolve("a." + f);
                ImageFileWriter.write(img, a, f);
                assertArrayEquals(Files.readAllBytes(a), ImageFileWriter.encode(img, f), f);
                Path b = tmp.resolve("b." + f);
                ImageFileWriter.write(img, b, f, 80);
                assertArrayEquals(Files.readAllBytes(b), ImageFileWriter.encode(img, f, 80), f + " quality 80");
            }
        }
    }

    @Test
    void outputNamesFollowTheDenoiseRules() {
        assertEquals("jpg", OutputNames.format("a.JPEG", null));
        assertEquals("png", OutputNames.format("a.gif", null));
        assertEquals("tiff", OutputNames.format("a.png", "TIF"));
        assertEquals("a.JPEG", OutputNames.photoOutput("a.JPEG", "jpg"));
        assertEquals("a.png", OutputNames.photoOutput("a.gif", "png"));
        assertEquals("a.b.png", OutputNames.withExtension("a.b.jpg", "png"));
        assertEquals(".hidden.png", OutputNames.withExtension(".hidden", "png"));
        assertEquals("x.png", OutputNames.withExtension("x.png", "png"));
    }
}
