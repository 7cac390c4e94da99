package aekit.infer.batch;

import aekit.infer.batch.PixelBudget;
import aekit.infer.image.ImageFileReader;
import aekit.infer.image.Preprocessing;
import aekit.infer.image.RasterImage;
import aekit.infer.io.PrintableNames;
import aekit.infer.io.WriteFailedException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A streaming pipeline for folders of any size: a submit thread walks the tasks, decode workers turn files into
 * tensors (bounded queue of pending decodes), the caller's thread batches them through the model, and write workers
 * (bounded queue) store results. Memory is bounded by the queue lengths, not the number of files, and the
 * full-size images decoded at once by a {@link PixelBudget} (pixels, not a worker count). Where the model resizes
 * to a much smaller fixed input, images are decoded with subsampling (see {@link ImageFileReader#read(Path, int, int,
 * ImageFileReader.SizeHook)}). Each file's outcome goes to the {@link Listener} (a failure with one line naming
 * the file and the reason) and is counted; with fail-fast the first failure stops the run. A full file system
 * stops the run at the first write that meets it: the results not yet written are not tried.
 */
public final class ImagePipeline {
    /** A file to process, where its result goes (may be null), and its position in the run. */
    public record Task(Path input, Path output, int index) {
    }

    /**
     * A decoded input: the task, its (C, H, W) tensor, the image's size as decoded and its own channels (1: a grey
     * file, 3: colour), so that a grey input can come out grey from a colour model.
     */
    public record Decoded(Task task, float[] tensor, int width, int height, int channels) {
    }

    /** What the model does to a batch: n tensors in, n tensors out (row-major). */
    public interface BatchFunction {
        float[] apply(float[] batch, int n) throws Exception;
    }

    /** Stores the result for one input; {@code result} holds it at {@code offset}. */
    public interface ResultWriter {
        void write(Decoded item, float[] result, int offset) throws IOException;
    }

    /** Counts of a run. */
    public record Summary(long done, long failed) {
    }

    /**
     * Hears how each file ended. The pipeline calls it from its threads, one call at a time (holding the
     * listener's lock), so an implementation needs no locking of its own.
     */
    public interface Listener {
        /** The file's result was written. */
        void done(Task task);

        /**
         * The file could not be decoded or its result not written; {@code reason} is one line naming the file,
         * {@code error} what went wrong (a {@link WriteFailedException} for the writing).
         */
        void failed(Task task, String reason, Throwable error);

        /** The run stopped (the file system is full) before this file's result was written; it is not counted. */
        default void notWritten(Task task) {
        }

        /**
         * The walk over the inputs stopped on an unexpected error ({@code reason}: one line); the files already
         * read are finished, and the run counts it as one failure.
         */
        default void walkStopped(String reason, Throwable error) {
        }
    }

    private final ImageFileReader decoder;
    private final Preprocessing prep;
    private final int batch;
    private final int workers;
    private final boolean failFast;
    private final PixelBudget budget;
    /** A write met a full file system: nothing more is tried. */
    private volatile boolean full;

    /**
     * Decoding at full resolution is kept for images up to this many times the model's input size in each
     * direction; larger ones are subsampled down to no less than that (64 source pixels per model pixel).
     */
    public static final int SUBSAMPLE_MARGIN = 8;

    /**
     * @param decoder  reads the files (its pixel limit applies)
     * @param prep     turns each decoded image into the model's input tensor
     * @param batch    images per model call
     * @param workers  decode and write threads (at least 1)
     * @param failFast stop at the first file that fails
     */
    public ImagePipeline(ImageFileReader decoder, Preprocessing prep, int batch, int workers, boolean failFast) {
        if (batch < 1) {
            throw new IllegalArgumentException("batch size must be >= 1, got " + batch);
        }
        this.decoder = decoder;
        this.prep = prep;
        this.batch = batch;
        this.workers = Math.max(1, workers);
        this.failFast = failFast;
        this.budget = PixelBudget.forHeap();
    }

    /** The budget of full-size pixels in flight, for writers that scale results back to the input's size. */
    public PixelBudget budget() {
        return budget;
    }

    /** Runs every task; returns the counts. */
    public Summary run(List<Task> tasks, BatchFunction model, int outValuesPerImage, ResultWriter writer,
                       Listener listener) throws Exception {
        return run(tasks.iterator(), model, outValuesPerImage, writer, listener);
    }

    /** A task on its way: its decode, running or done. {@code task == null} marks the end of the tasks. */
    private record Pending(Task task, Future<Decoded> decoded) {
    }

    /**
     * Runs the tasks as the iterator yields them (it is read on a thread of its own, at most a few batches ahead of
     * the model, so a walk over a huge folder never sits in memory); returns the counts. An exception thrown by the
     * iterator ends the walk (the folder walk reports unreadable entries as items, so only an unexpected error
     * does); the images already read are finished, and it goes to {@link Listener#walkStopped} and is counted as a
     * failure. Exceptions of the model function end the run.
     */
    public Summary run(Iterator<Task> tasks, BatchFunction model, int outValuesPerImage, ResultWriter writer,
                       Listener listener) throws Exception {
        ExecutorService decoders = Executors.newFixedThreadPool(workers, daemon("aekit-decode"));
        ThreadPoolExecutor writers = new ThreadPoolExecutor(workers, workers, 10, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(2 * batch), daemon("aekit-write"), new ThreadPoolExecutor.CallerRunsPolicy());
        BlockingQueue<Pending> pending = new ArrayBlockingQueue<>(4 * batch);
        Pending end = new Pending(null, null);
        AtomicReference<Throwable> walkError = new AtomicReference<>();
        AtomicLong done = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        List<Future<?>> writes = new ArrayList<>();
        Thread producer = new Thread(() -> {
            try {
                while (tasks.hasNext()) {
                    Task t = tasks.next();
                    pending.put(new Pending(t, decoders.submit(() -> decode(t))));
                }
            } catch (InterruptedException | java.util.concurrent.RejectedExecutionException e) {
                Thread.currentThread().interrupt(); // the run is over (fail-fast or an error): stop submitting
                return;
            } catch (RuntimeException | Error e) {
                walkError.set(e); // an unexpected error, or out of memory: end the run cleanly
            }
            try {
                pending.put(end);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "aekit-submit");
        producer.setDaemon(true);
        producer.start();
        try {
            List<Decoded> chunk = new ArrayList<>(batch);
            while (true) {
                Pending p = pending.take();
                boolean last = p == end;
                if (!last) {
                    try {
                        chunk.add(p.decoded().get());
                    } catch (ExecutionException e) {
                        failed.incrementAndGet();
                        failed(listener, p.task(), e.getCause());
                        if (failFast) {
                            break;
                        }
                    }
                }
                if (chunk.size() == batch || (last && !chunk.isEmpty())) {
                    List<Decoded> b = chunk;
                    chunk = new ArrayList<>(batch);
                    int per = prep.channels() * prep.height() * prep.width();
                    float[] in = new float[b.size() * per]; // (n, C, H, W)
                    for (int k = 0; k < b.size(); k++) {
                        System.arraycopy(b.get(k).tensor(), 0, in, k * per, per);
                    }
                    float[] out = model.apply(in, b.size());
                    for (int k = 0; k < b.size(); k++) {
                        Decoded d = b.get(k);
                        int offset = k * outValuesPerImage;
                        writes.add(writers.submit(() -> {
                            if (full) {
                                synchronized (listener) {
                                    listener.notWritten(d.task()); // a later input with its output may go on
                                }
                                return; // the file system is full: nothing more is tried
                            }
                            try {
                                writer.write(d, out, offset);
                                done.incrementAndGet();
                                synchronized (listener) {
                                    listener.done(d.task());
                                }
                            } catch (IOException | RuntimeException | Error e) {
                                if (e instanceof WriteFailedException w && w.noSpace()) {
                                    full = true;
                                }
                                failed.incrementAndGet();
                                failed(listener, d.task(), e);
                            }
                        }));
                    }
                    writes.removeIf(Future::isDone);
                }
                if (last || (failFast && failed.get() > 0) || full) {
                    break;
                }
            }
            for (Future<?> w : writes) {
                w.get();
            }
        } finally {
            producer.interrupt();
            producer.join(10_000); // the task iterator's counts are final once it has stopped
            decoders.shutdownNow();
            writers.shutdown();
            writers.awaitTermination(1, TimeUnit.MINUTES);
        }
        Throwable walk = walkError.get();
        if (walk != null) {
            if (walk instanceof Error error && !(walk instanceof OutOfMemoryError)) {
                throw error;
            }
            failed.incrementAndGet(); // reported like a file, so the run still ends with its summary line
            String msg = walk.getMessage() == null ? walk.getClass().getSimpleName() : walk.getMessage();
            synchronized (listener) {
                listener.walkStopped("input walk stopped: " + PrintableNames.escape(msg.lines().findFirst().orElse(msg)),
                        walk);
            }
        }
        return new Summary(done.get(), failed.get());
    }

    private Decoded decode(Task t) throws IOException {
        try {
            return decode(t, false);
        } catch (OutOfMemoryError e) {
            return decode(t, true); // the estimate fell short for this image: once more, alone
        }
    }

    /** Decodes holding the image's pixels from the budget, or with {@code alone} the whole budget. */
    private Decoded decode(Task t, boolean alone) throws IOException {
        int[] size = new int[2];
        try (PixelBudget.Grant grant = budget.grant()) {
            int minW = prep.isNative() ? 0 : SUBSAMPLE_MARGIN * prep.width();
            int minH = prep.isNative() ? 0 : SUBSAMPLE_MARGIN * prep.height();
            RasterImage img = decoder.read(t.input(), minW, minH, (w, h, k) -> {
                if (size[0] == 0) { // once, also when a decoder hands the file on to another
                    size[0] = w;
                    size[1] = h;
                    try {
                        // the pixels actually decoded
                        grant.take(alone ? budget.capacity() : ((w + k - 1L) / k) * ((h + k - 1L) / k));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new java.io.InterruptedIOException("interrupted while waiting for memory");
                    }
                }
            });
            int[] shown = displayedSize(size[0], size[1], img);
            return new Decoded(t, prep.tensor(img), shown[0], shown[1], img.channels());
        }
    }

    /**
     * The {width, height} of an input as displayed, from the size its decoder reported from the header (0 when none
     * did) and the decoded image: the header's (a subsampled decode is smaller), unless none was seen or the EXIF
     * orientation turned the image, then the decoded image's.
     */
    public static int[] displayedSize(int headerWidth, int headerHeight, RasterImage img) {
        if (headerWidth == 0 || (img.width() > img.height()) != (headerWidth > headerHeight)) {
            return new int[] {img.width(), img.height()};
        }
        return new int[] {headerWidth, headerHeight};
    }

    private static void failed(Listener listener, Task t, Throwable e) {
        String reason = PrintableNames.errorLine(t.input(), e);
        synchronized (listener) {
            listener.failed(t, reason, e);
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }
}
