package aekit.infer.image;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A subsampled decode gives exactly every k-th pixel of every k-th row of the full decode, in every format. */
class SubsampledDecodeTest {
    @ParameterizedTest
    @ValueSource(strings = {"baseline.jpg", "progressive.jpg", "restart.jpg", "cmyk.jpg", "ycck.jpg", "grey.jpg",
        "png8.png", "grey.png", "alpha.png", "gama.png", "png16.png", "palette.png", "image.bmp", "image.tiff",
        "image.ppm", "image.pgm"})
    void subsampledIsThePickedFullDecode(String name) throws IOException {
        Path f = GoldenCorpusTest.DIR.resolve(name);
        RasterImage full = new ImageFileReader().read(f);
        int[] factor = new int[1];
        RasterImage sub = new ImageFileReader().read(f, 4, 4, (w, h, k) -> factor[0] = k);
        int k = factor[0];
        int expected = Math.min(full.width() / 4, full.height() / 4);
        assertEquals(name.endsWith(".ppm") || name.endsWith(".pgm") ? 1 : expected >= 2 ? expected : 1, k,
                name + " (PNM is always decoded whole)");
        assertEquals((full.width() + k - 1) / k, sub.width(), name);
        assertEquals((full.height() + k - 1) / k, sub.height(), name);
        for (int y = 0; y < sub.height(); y++) {
            for (int x = 0; x < sub.width(); x++) {
                for (int c = 0; c < full.channels(); c++) {
                    assertEquals(full.sample(x * k, y * k, c), sub.sample(x, y, c), name + " at " + x + "," + y);
                }
            }
        }
    }
}
