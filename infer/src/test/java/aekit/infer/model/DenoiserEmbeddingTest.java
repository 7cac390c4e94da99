package aekit.infer.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import aekit.infer.image.ImageDecoder;
import aekit.infer.image.ImageEncoder;
import aekit.infer.image.RasterImage;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's "Use from Java" example for the photo denoiser, as written there. */
class DenoiserEmbeddingTest {
    static final Path NOISY = Path.of(System.getProperty("aekit.fixtures", "../fixtures"))
            .resolveSibling("samples/photos-noisy/n02085936_2999.png");

    @TempDir
    Path tmp;

    @Test
    void readmeExampleRuns() throws Exception {
        Path in = NOISY;
        Path out = tmp.resolve("clean.png");
        // --- README: Use from Java ---
        try (OnnxDenoiser model = OnnxDenoiser.open(ShippedModels.resolve("photo-denoise-rgb"), SessionSettings.cpu())) {
            RasterImage noisy = new ImageDecoder().read(in);   // any size, EXIF orientation applied
            RasterImage clean = model.denoise(noisy);           // tiled, same size, 8-bit
            ImageEncoder.write(clean, out, "png");              // temp file + rename
        }
        // --- end ---
        RasterImage a = new ImageDecoder().read(in);
        RasterImage b = new ImageDecoder().read(out);
        assertEquals(a.width(), b.width());
        assertEquals(a.height(), b.height());
        assertEquals(3, b.channels());
        assertEquals(true, Files.size(out) > 0);
    }
}
