package aekit.spark;

import aekit.infer.batch.DenoiseRun;
import aekit.infer.batch.ImagePipeline;
import aekit.infer.batch.OutputNames;
import aekit.infer.batch.ReconstructionOutput;
import aekit.infer.image.ImageFileReader;
import aekit.infer.image.ImageFileWriter;
import aekit.infer.image.Preprocessing;
import aekit.infer.image.RasterImage;
import aekit.infer.io.PrintableNames;
import aekit.infer.model.InputSpec;
import aekit.infer.Autoencoder;
import aekit.infer.Denoiser;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;

/**
 * The work of one Spark task: each file of the partition is read through Hadoop's {@code FileSystem}, decoded,
 * denoised and encoded by the infer library exactly as {@code aekit denoise}/{@code reconstruct} do, and written
 * atomically ({@link HadoopFiles#write}); every file gives one {@link FileResult}, so a bad file is a row and never
 * fails the task. Photo denoisers run one image at a time (tiled); fixed-size models take {@code batch} images a
 * call. Results are produced as the partition is consumed, a batch at a time.
 */
final class PartitionWorker implements MapPartitionsFunction<FileTask, FileResult> {
    private static final long serialVersionUID = 1L;
    /** The largest file read into memory (a Java array's limit). */
    static final long MAX_FILE_BYTES = Integer.MAX_VALUE - 16;

    private final JobSpec spec;
    private final Broadcast<Bundle> colour;
    private final Broadcast<Bundle> grey;
    private final boolean photo;
    private final Broadcast<Map<String, String>> hadoopConf;
    private final String appId;

    /**
     * @param colour the model for every file (or, with default photo denoisers, for colour files)
     * @param grey   the model for grey files, or null when {@code colour} serves all
     * @param photo  whether the model is a photo denoiser (else a fixed-size autoencoder)
     */
    PartitionWorker(JobSpec spec, Broadcast<Bundle> colour, Broadcast<Bundle> grey, boolean photo,
                    Broadcast<Map<String, String>> hadoopConf, String appId) {
        this.spec = spec;
        this.colour = colour;
        this.grey = grey;
        this.photo = photo;
        this.hadoopConf = hadoopConf;
        this.appId = appId;
    }

    @Override
    public Iterator<FileResult> call(Iterator<FileTask> files) {
        Configuration conf = new Configuration(false);
        hadoopConf.value().forEach(conf::set);
        TaskContext ctx = TaskContext.get();
        int threads = ctx != null ? Math.max(1, ctx.cpus()) : 1;
        String tag = appId + "-" + (ctx != null ? ctx.stageId() + "-" + ctx.partitionId() + "-" + ctx.attemptNumber()
                : "0-0-0");
        Context c = new Context(conf, threads, tag);
        return new Iterator<>() {
            private final Deque<FileResult> ready = new ArrayDeque<>();

            @Override
            public boolean hasNext() {
                while (ready.isEmpty() && files.hasNext()) {
                    ready.addAll(photo ? List.of(photo(files.next(), c)) : batch(files, c));
                }
                return !ready.isEmpty();
            }

            @Override
            public FileResult next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return ready.poll();
            }
        };
    }

    /** What the files of one task share. */
    private record Context(Configuration conf, int threads, String tag) {
    }

    /** One file through a photo denoiser, as {@link DenoiseRun} does it for a local file. */
    private FileResult photo(FileTask t, Context c) {
        long t0 = System.nanoTime();
        if (t.getSameOutputAs() != null) {
            return sameOutput(t, t0);
        }
        try {
            Path out = new Path(t.getOutput());
            FileSystem fs = HadoopFiles.fileSystem(out, c.conf());
            if (!spec.overwrite() && HadoopFiles.exists(fs, out)) {
                return result(t, FileResult.SKIPPED, null, t0);
            }
            byte[] data = read(t, c.conf());
            RasterImage img = new ImageFileReader(spec.maxPixels()).keepingAlpha().read(data, t.getPath());
            data = null;
            int channels = img.channels();
            Bundle b = (grey != null && channels == 1 ? grey : colour).value();
            Denoiser model = ExecutorModels.denoiser(b, spec.tile(), c.threads());
            RasterImage denoised = model.denoise(img);
            img = null; // the input's samples can go before the output is encoded
            byte[] encoded = ImageFileWriter.encode(DenoiseRun.matchChannels(denoised, channels), t.getFormat(),
                    spec.quality());
            return written(t, fs, out, encoded, c, t0);
        } catch (Exception | OutOfMemoryError e) {
            return failed(t, e, t0);
        }
    }

    /** A decoded file of a batch for a fixed-size model: its tensor and its displayed size and channels. */
    private record Decoded(FileTask task, float[] tensor, int width, int height, int channels, long start) {
    }

    /**
     * Up to {@code batch} files through a fixed-size autoencoder, as {@code reconstruct}'s pipeline does it: decoded
     * (subsampled when much larger than the model's input) and preprocessed, one model call, each result written.
     */
    private List<FileResult> batch(Iterator<FileTask> files, Context c) {
        List<FileResult> out = new ArrayList<>();
        List<Decoded> ok = new ArrayList<>();
        InputSpec in;
        try {
            in = colour.value().manifest().input();
        } catch (IOException e) {
            throw new IllegalStateException(e); // the driver read this manifest already
        }
        Preprocessing prep = in.preprocessing();
        int minW = prep.isNative() ? 0 : ImagePipeline.SUBSAMPLE_MARGIN * prep.width();
        int minH = prep.isNative() ? 0 : ImagePipeline.SUBSAMPLE_MARGIN * prep.height();
        ImageFileReader decoder = new ImageFileReader(spec.maxPixels());
        while (files.hasNext() && ok.size() < spec.batch()) {
            FileTask t = files.next();
            long t0 = System.nanoTime();
            if (t.getSameOutputAs() != null) {
                out.add(sameOutput(t, t0));
                continue;
            }
            try {
                Path o = new Path(t.getOutput());
                if (!spec.overwrite() && HadoopFiles.exists(HadoopFiles.fileSystem(o, c.conf()), o)) {
                    out.add(result(t, FileResult.SKIPPED, null, t0));
                    continue;
                }
                int[] size = new int[2];
                RasterImage img = decoder.read(read(t, c.conf()), t.getPath(), minW, minH, (w, h, k) -> {
                    if (size[0] == 0) { // the header's size: a subsampled decode is smaller
                        size[0] = w;
                        size[1] = h;
                    }
                });
                int[] shown = ImagePipeline.displayedSize(size[0], size[1], img);
                ok.add(new Decoded(t, prep.tensor(img), shown[0], shown[1], img.channels(), t0));
            } catch (Exception | OutOfMemoryError e) {
                out.add(failed(t, e, t0));
            }
        }
        if (ok.isEmpty()) {
            return out;
        }
        int per = in.valuesPerImage();
        ReconstructionOutput output = new ReconstructionOutput(in, spec.keepSize());
        float[] batch = new float[ok.size() * per]; // (n, C, H, W)
        for (int k = 0; k < ok.size(); k++) {
            System.arraycopy(ok.get(k).tensor(), 0, batch, k * per, per);
        }
        float[] result;
        try {
            Autoencoder model = ExecutorModels.autoencoder(colour.value(), c.threads());
            result = model.reconstruct(batch, ok.size());
        } catch (Exception | OutOfMemoryError e) {
            for (Decoded d : ok) {
                out.add(failed(d.task(), e, d.start()));
            }
            return out;
        }
        for (int k = 0; k < ok.size(); k++) {
            Decoded d = ok.get(k);
            FileTask t = d.task();
            try {
                Path o = new Path(t.getOutput());
                FileSystem fs = HadoopFiles.fileSystem(o, c.conf());
                RasterImage r = output.image(result, k * per, d.width(), d.height(), d.channels());
                FileResult written = written(t, fs, o, ImageFileWriter.encode(r, t.getFormat()), c, d.start());
                if (spec.errorMap() && written.getStatus().equals(FileResult.DONE)) {
                    Path map = new Path(o.getParent(), OutputNames.errorMap(o.getName()));
                    HadoopFiles.write(fs, map, ImageFileWriter.encode(output.errorMap(d.tensor(), result, k * per),
                            "png"), true, c.tag(), x -> { });
                }
                out.add(written);
            } catch (Exception | OutOfMemoryError e) {
                out.add(failed(t, e, d.start()));
            }
        }
        return out;
    }

    /** An input's bytes, read through its file system. */
    private static byte[] read(FileTask t, Configuration conf) throws IOException {
        Path p = new Path(t.getPath());
        FileSystem fs = HadoopFiles.fileSystem(p, conf);
        if (t.getLength() > MAX_FILE_BYTES) {
            throw new IOException(t.getPath() + ": too large to read (" + t.getLength() + " bytes; at most "
                    + MAX_FILE_BYTES + ")");
        }
        if (fs instanceof org.apache.hadoop.fs.RawLocalFileSystem local) {
            try {
                return java.nio.file.Files.readAllBytes(local.pathToFile(p).toPath());
            } catch (java.nio.file.NoSuchFileException e) {
                throw new IOException(t.getPath() + ": no such file (removed since it was listed)", e);
            }
        }
        try (InputStream in = fs.open(p)) {
            return in.readAllBytes();
        } catch (java.io.FileNotFoundException e) {
            throw new IOException(t.getPath() + ": no such file (removed since it was listed)", e);
        }
    }

    private FileResult written(FileTask t, FileSystem fs, Path out, byte[] encoded, Context c, long t0)
            throws IOException {
        HadoopFiles.Written w = HadoopFiles.write(fs, out, encoded, spec.overwrite(), c.tag(), target -> {
            HadoopFiles.BeforeRename hook = DenoiseJob.testHook;
            if (hook != null) {
                hook.at(target);
            }
        });
        return result(t, w == HadoopFiles.Written.WRITTEN ? FileResult.DONE : FileResult.SKIPPED, null, t0);
    }

    private static FileResult sameOutput(FileTask t, long t0) {
        return result(t, FileResult.FAILED, PrintableNames.escape(t.getPath() + ": not written, "
                + t.getSameOutputAs() + " has the same output " + t.getOutput()
                + " (give them separate output folders)"), t0);
    }

    private static FileResult failed(FileTask t, Throwable e, long t0) {
        String m = e instanceof OutOfMemoryError ? "out of memory (" + e.getMessage() + ")"
                : e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        m = m.lines().findFirst().orElse(m);
        if (!m.startsWith(t.getPath())) {
            m = t.getPath() + ": " + m;
        }
        return result(t, FileResult.FAILED, PrintableNames.escape(m), t0);
    }

    private static FileResult result(FileTask t, String status, String error, long t0) {
        return new FileResult(t.getPath(), status, error, t.getOutput(), t.getLength(),
                (System.nanoTime() - t0) / 1_000_000);
    }
}
