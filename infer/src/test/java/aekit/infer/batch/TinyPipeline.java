package aekit.infer.batch;

import aekit.infer.image.ImageFileReader;
import aekit.infer.image.ImageFileWriter;
import aekit.infer.image.Preprocessing;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A pipeline of 4x4 grey images, one a batch over two threads, and tasks for it: the tests' smallest real run. */
public final class TinyPipeline {
    private TinyPipeline() {
    }

    /** {@code n} black 4x4 PNGs in {@code dir} (in0.png ...), each with its output out0.png ... beside it. */
    public static List<ImagePipeline.Task> tasks(Path dir, int n) throws IOException {
        List<ImagePipeline.Task> tasks = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Path f = dir.resolve("in" + i + ".png");
            ImageFileWriter.write(new float[16], 0, 1, 4, 4, f, "png");
            tasks.add(new ImagePipeline.Task(f, dir.resolve("out" + i + ".png"), i));
        }
        return tasks;
    }

    /** The pipeline: grey 4x4, batches of one, two workers, not failing fast. */
    public static ImagePipeline pipeline() {
        return new ImagePipeline(new ImageFileReader(), new Preprocessing(1, 4, 4, Preprocessing.STRETCH), 1, 2, false);
    }
}
