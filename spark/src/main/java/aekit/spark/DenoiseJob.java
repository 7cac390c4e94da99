package aekit.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.when;

import aekit.infer.batch.OutputNames;
import aekit.infer.batch.OutputRecord;
import aekit.infer.image.ImageFileWriter;
import aekit.infer.model.ModelManifest;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Denoises (or reconstructs) every image file under a Hadoop path or glob on a Spark cluster, with the same
 * decoding, preprocessing, tiling and encoding as {@code aekit denoise}/{@code reconstruct} (the infer library), and
 * the same output names and formats; results go to a folder tree mirroring the inputs' paths below the input, and a
 * Parquet results table (path, status, error, output_path, bytes, milliseconds) records every file.
 *
 * <p>How it runs: the driver lists the files ({@link HadoopFiles#inputFiles}: folders recursively, globs; HDFS, S3
 * with hadoop-aws, any Hadoop file system; the CLI's rule for hidden files, and names starting with "_", which
 * Spark's own file sources drop, kept) and the job splits them into tasks by size; each task reads a file's bytes
 * itself, after checking that its output is missing, so a rerun over a finished folder reads no image. Inputs
 * that would share an output are caught before any work (the first in path order is written, the others are failed
 * rows). The model bundle is read once on the driver and broadcast; each
 * executor JVM opens it once ({@link ExecutorModels}, keyed by the bundle's hash) with as many intra-op threads as
 * a task has cores ({@code spark.task.cpus}). Every output is written to a hidden temp name and renamed through
 * Hadoop's {@code FileSystem}, so retried and speculative tasks never leave partial or duplicate files; temp files
 * of attempts that were killed are removed when the job ends. The output folder gets the CLI's record of the run
 * that writes it ({@link OutputRecord}): a run with another model or settings is refused without overwrite, so a
 * Spark job may finish what the CLI started and the other way round.
 */
public final class DenoiseJob {
    /** The results table's folder inside the output folder (unless another place is given). */
    public static final String RESULTS_DIR = "_results";
    /** The default colour photo denoiser (as the CLI). */
    public static final String DEFAULT_MODEL = "photo-denoise-rgb";
    /** The default grey photo denoiser (as the CLI). */
    public static final String DEFAULT_GREY_MODEL = "photo-denoise-grey";
    /** reconstruct's default model (as the CLI). */
    public static final String DEFAULT_RECONSTRUCT_MODEL = "mnist-ae";

    /** Test hook: called in the tasks between writing a temp file and renaming it (local mode only). */
    static volatile HadoopFiles.BeforeRename testHook;

    private DenoiseJob() {
    }

    /**
     * How a run ended.
     *
     * @param done       files written
     * @param skipped    files whose output was there
     * @param failed     files that failed (see the results table's error column)
     * @param seconds    wall-clock seconds of the run on the driver
     * @param results    the results table's path
     * @param tempsSwept temp files of killed attempts (or of runs that died over a day ago) removed at the end
     */
    public record Summary(long done, long skipped, long failed, double seconds, String results, long tempsSwept) {
        /** The summary line, as the CLI's. */
        public String line() {
            long n = done + skipped + failed;
            return String.format(java.util.Locale.ROOT, "done %d, skipped %d, failed %d, %.2f s, %.0f images/s; "
                    + "results: %s", done, skipped, failed, seconds, n / Math.max(1e-9, seconds), results);
        }
    }

    /** A task takes at most about this many files ... */
    static final long FILES_PER_TASK = 1000;
    /** ... or this many bytes of input. */
    static final long BYTES_PER_TASK = 64L << 20;

    /**
     * How many tasks the files are spread over: tasks of at most about {@link #FILES_PER_TASK} files or
     * {@link #BYTES_PER_TASK} bytes, and at least two a core (so that one slow task does not hold the others up),
     * never more than the files. (Spark's own file splits count 4 MB for opening each file, which for small images
     * makes tasks of a few dozen files, each paying a task's fixed costs.)
     */
    static int partitions(long files, long bytes, int cores) {
        long n = Math.max(2L * cores, Math.max((files + FILES_PER_TASK - 1) / FILES_PER_TASK,
                (bytes + BYTES_PER_TASK - 1) / BYTES_PER_TASK));
        return (int) Math.max(1, Math.min(files, Math.min(n, Integer.MAX_VALUE)));
    }

    /** Runs the job on {@code spark}; returns the counts once every file has a row in the results table. */
    public static Summary run(SparkSession spark, JobSpec spec) throws IOException {
        long t0 = System.nanoTime();
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        Path root = HadoopFiles.root(spec.input(), conf);
        Path out = new Path(spec.output());
        FileSystem outFs = HadoopFiles.fileSystem(out, conf);
        out = outFs.makeQualified(out);
        String rootStr = HadoopFiles.dirString(root);
        String outStr = HadoopFiles.dirString(out);
        if (outFs.exists(out) && !outFs.getFileStatus(out).isDirectory()) {
            throw new IllegalArgumentException("-o " + outStr + ": not a folder");
        }
        if (outStr.equals(rootStr) || outStr.startsWith(rootStr + "/") || rootStr.startsWith(outStr + "/")) {
            throw new IllegalArgumentException("-o " + outStr + ": the output folder and the input folder " + rootStr
                    + " may not be or contain one another (outputs would be written over inputs or read back)");
        }

        // the model(s), read once here and broadcast
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        String modelArg = spec.model() != null ? spec.model()
                : spec.reconstruct() ? DEFAULT_RECONSTRUCT_MODEL : DEFAULT_MODEL;
        Bundle main = Bundle.read(modelArg, conf);
        ModelManifest m = main.manifest();
        boolean photo = m.photoDenoiser();
        if (photo && (spec.keepSize() || spec.errorMap())) {
            throw new IllegalArgumentException((spec.keepSize() ? "--keep-size" : "--error-map") + " is for "
                    + "fixed-size models; photo denoisers keep every image's size");
        }
        if (spec.reconstruct() && photo) {
            throw new IllegalArgumentException("--model " + modelArg + " is a photo denoiser; use denoise");
        }
        if (!spec.reconstruct() && !photo && !spec.anyModel()) {
            boolean trained = m.training() != null && m.training().inputNoise() != null
                    && !"none".equals(m.training().inputNoise());
            if (!trained) {
                throw new IllegalArgumentException("--model " + modelArg + " was not trained as a denoiser (no input "
                        + "noise in its training); use reconstruct, or --any-model to go on");
            }
        }
        Bundle greyBundle = photo && spec.model() == null ? Bundle.read(DEFAULT_GREY_MODEL, conf) : null;
        Broadcast<Bundle> colour = jsc.broadcast(main);
        Broadcast<Bundle> grey = greyBundle == null ? null : jsc.broadcast(greyBundle);
        Map<String, String> confMap = new HashMap<>();
        conf.forEach(e -> confMap.put(e.getKey(), e.getValue()));
        Broadcast<Map<String, String>> confB = jsc.broadcast(confMap);
        String asked = spec.format() == null ? null : ImageFileWriter.format(spec.format());
        String fixedFormat = asked != null ? asked : "png";

        // the output record, as the CLI's: outputs of another model or settings are never kept silently
        String appId = spark.sparkContext().applicationId();
        String command = spec.reconstruct() ? "reconstruct" : "denoise";
        OutputRecord record = photo
                ? OutputRecord.photo(command, modelArg, m, greyBundle != null ? DEFAULT_GREY_MODEL : null,
                        greyBundle != null ? greyBundle.manifest() : null, asked, spec.quality())
                : OutputRecord.fixedSize(command, modelArg, m, fixedFormat, spec.keepSize(), spec.errorMap());
        Path recordFile = new Path(out, OutputRecord.FILE_NAME);
        String existing = HadoopFiles.exists(outFs, recordFile) ? HadoopFiles.readText(outFs, recordFile) : null;
        try {
            record.check(outStr, existing, spec.overwrite());
        } catch (IllegalStateException e) {
            throw new IllegalArgumentException(e.getMessage() + "; give --overwrite to replace them, or another -o");
        }
        if (!record.sameAs(existing)) {
            HadoopFiles.write(outFs, recordFile, record.text().getBytes(java.nio.charset.StandardCharsets.UTF_8),
                    true, appId + "-0-0-0", t -> { });
        }

        // the files (paths and sizes only: the tasks read the bytes they need) and their outputs; listed by aekit, not
        // by Spark's binaryFile source, which drops names starting with "_"
        List<Row> found = new ArrayList<>();
        for (FileStatus f : HadoopFiles.inputFiles(spec.input(), conf)) {
            found.add(RowFactory.create(f.getPath().toString(), f.getLen()));
        }
        StructType schema = new StructType().add("path", DataTypes.StringType, false)
                .add("length", DataTypes.LongType, false);
        int slices = Math.max(1, Math.min(found.size(), 2 * spark.sparkContext().defaultParallelism()));
        Dataset<Row> listed = spark.createDataFrame(jsc.parallelize(found, slices), schema);
        Row stats = listed.coalesce(Math.max(1, 2 * spark.sparkContext().defaultParallelism()))
                .agg(count(lit(1)), sum(col("length"))).first();
        long nFiles = stats.getLong(0);
        if (nFiles == 0) {
            return new Summary(0, 0, 0, (System.nanoTime() - t0) / 1e9, spec.resultsPath(), 0);
        }
        int partitions = partitions(nFiles, stats.isNullAt(1) ? 0 : stats.getLong(1),
                spark.sparkContext().defaultParallelism());
        MapFunction<Row, FileTask> plan = r -> {
            String path = r.getString(0);
            if (!path.startsWith(rootStr + "/")) {
                throw new IllegalStateException(path + ": not under the input folder " + rootStr);
            }
            String rel = path.substring(rootStr.length() + 1);
            int slash = rel.lastIndexOf('/');
            String name = rel.substring(slash + 1);
            String format = photo ? OutputNames.format(name, asked) : fixedFormat;
            String outName = photo ? OutputNames.photoOutput(name, format) : OutputNames.withExtension(name, format);
            return new FileTask(path, r.getLong(1), outStr + "/" + rel.substring(0, slash + 1) + outName, format);
        };
        // one exchange, of as many partitions as tasks, by output: the inputs that share an output meet in one task
        // (the first in path order is written, the others are failed rows), with no second shuffle for that; the
        // listing's own splits (one per 30 small files) are coalesced first, so few shuffle files are written
        Dataset<Row> byOutput = listed.coalesce(partitions).map(plan, Encoders.bean(FileTask.class)).toDF()
                .repartition(partitions, col("output"));
        Dataset<FileTask> planned = byOutput
                .withColumn("first", first(col("path")).over(Window.partitionBy("output").orderBy("path")))
                .withColumn("sameOutputAs", when(col("first").notEqual(col("path")), col("first")))
                .select("path", "length", "output", "format", "sameOutputAs")
                .as(Encoders.bean(FileTask.class));

        Dataset<FileResult> results = planned.mapPartitions(
                new PartitionWorker(spec, colour, grey, photo, confB, appId), Encoders.bean(FileResult.class));
        String resultsPath = spec.resultsPath();
        results.select(col("path"), col("status"), col("error"), col("outputPath").as("output_path"),
                        col("bytes"), col("milliseconds"))
                .write().mode(SaveMode.Overwrite).parquet(resultsPath);

        long[] swept = HadoopFiles.sweepTemps(outFs, out, appId, System.currentTimeMillis());
        Map<String, Long> counts = new HashMap<>();
        for (Row r : spark.read().parquet(resultsPath).groupBy("status").count().collectAsList()) {
            counts.put(r.getString(0), r.getLong(1));
        }
        colour.destroy();
        if (grey != null) {
            grey.destroy();
        }
        confB.destroy();
        if (swept[1] > 0) {
            System.err.println("note: " + swept[1] + " temp files of other runs are in " + outStr
                    + " (a job writing there now, or one that died less than a day ago)");
        }
        return new Summary(counts.getOrDefault(FileResult.DONE, 0L), counts.getOrDefault(FileResult.SKIPPED, 0L),
                counts.getOrDefault(FileResult.FAILED, 0L), (System.nanoTime() - t0) / 1e9, resultsPath, swept[0]);
    }
}
