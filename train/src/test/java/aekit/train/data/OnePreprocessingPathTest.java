package aekit.train.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import aekit.infer.data.GreyImages;
import aekit.infer.image.ImageFileReader;
import aekit.infer.image.ImageFileWriter;
import aekit.infer.model.InputSpec;
import aekit.train.Fixtures;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tensor the trainer feeds for a digit (read from IDX through {@code ImageTensors}) is bit-for-bit the tensor
 * the inference commands make from the same digit saved as an image file (decoder + the model's preprocessing).
 */
class OnePreprocessingPathTest {
    @TempDir
    Path tmp;

    @Test
    void trainingAndInferenceTensorsAreIdentical() throws Exception {
        GreyImages digits = Fixtures.mnistTest(20);
        InputSpec spec = InputSpec.of(new aekit.infer.image.Preprocessing(1, 28, 28, "stretch"));
        ImageFileReader decoder = new ImageFileReader();
        for (int i = 0; i < digits.size(); i++) {
            float[] training = digits.batch(new int[] {i}); // what Trainer/Evaluation put into the graph
            Path png = tmp.resolve(i + ".png");
            ImageFileWriter.write(training, 0, 1, 28, 28, png, "png");
            float[] inference = spec.preprocessing().tensor(png, decoder); // what reconstruct/denoise feed ONNX Runtime
            assertArrayEquals(training, inference, 0f, "digit " + i);
        }
    }
}
