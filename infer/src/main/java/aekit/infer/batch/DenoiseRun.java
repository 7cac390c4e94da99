package aekit.infer.batch;

import aekit.infer.image.ImageFileReader;
import aekit.infer.image.ImageFileWriter;
import aekit.infer.image.RasterImage;
import aekit.infer.Denoiser;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Denoises image files at their own resolution with photo denoisers: each file is decoded, denoised tile by tile
 * ({@link Denoiser#denoise(RasterImage)}) by the model chosen for its channels, and written atomically in the
 * asked format with the input's size and channels (a grey file stays grey; transparency passes through untouched
 * where the output format has it, PNG and TIFF, and is composited on black for JPEG and BMP). A few files are in flight at once
 * ({@code workers}); each one's outcome goes to the {@link Listener}, and one bad file never stops the others; a
 * full file system stops the run (nothing more can be written).
 */
public final class DenoiseRun {
    /**
     * One file to denoise: where it is, where its result goes, in which format (png, jpg, bmp, tiff), and its
     * number in the run.
     */
    public record Task(Path input, Path output, String format, int index) {
    }

    /** The model for an image of {@code channels} channels (1 grey, 3 RGB), opened on first use. */
    public interface Models {
        Denoiser forChannels(int channels) throws IOException;
    }

    /** Hears how each file ended; called from the worker threads, one call at a time. */
    public interface Listener {
        /**
         * Called before a result is written, from the worker thread and not under the listener's lock (it may wait
         * for another file); throwing refuses the write (the file then fails with that error).
         */
        default void beforeWrite(Task task) throws IOException {
        }

        /** The file was denoised and its result written. */
        void done(Task task, long pixels);

        /**
         * The file could not be denoised or written; nothing was written for it. {@code reason} is one line naming
         * the file, {@code error} what went wrong (a {@link aekit.infer.io.WriteFailedException} for the writing).
         */
        void failed(Task task, String reason, Throwable error);
    }

    /**
     * Files done and failed.
     *
     * @param done   files written
     * @param failed files that could not be denoised
     * @param pixels pixels of the files written
     */
    public record Summary(long done, long failed, long pixels) {
    }

    private final ImageFileReader decoder;
    private final Models models;
    private final int workers;
    private final int jpegQuality;
    private final PixelBudget budget;
    private volatile boolean full;
    private static final long FAILED = -1;
    private static final long NOT_TRIED = -2;

    /**
     * @param decoder     reads the files (its pixel limit applies; the run reads with it keeping alpha)
     * @param models      the model for each file's channels
     * @param workers     files in flight at once (each holds its decoded image and its result)
     * @param jpegQuality JPEG quality 1..100 for jpg outputs
     * @param budget      bounds the pixels held by all workers together (each file holds its input and its result,
     *                    about {@link #BYTES_PER_PIXEL} bytes a pixel); an image larger than the budget runs alone
     */
    public DenoiseRun(ImageFileReader decoder, Models models, int workers, int jpegQuality, PixelBudget budget) {
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be >= 1, got " + workers);
        }
        if (jpegQuality < 1 || jpegQuality > 100) {
            throw new IllegalArgumentException("JPEG quality must be in 1..100, got " + jpegQuality);
        }
        this.decoder = decoder.keepingAlpha(); // transparency passes through the denoiser untouched
        this.models = models;
        this.workers = workers;
        this.jpegQuality = jpegQuality;
        this.budget = budget;
    }

    /**
     * Heap bytes a photo's pixel costs at the peak of its run: the 8-bit input and result (3 + 3 bytes in colour)
     * and the decoder's or encoder's image (4 bytes); the tiles' floats are bounded by the tile size, not the image.
     */
    public static final long BYTES_PER_PIXEL = 12;

    /** Denoises every task; returns when all are done or failed. */
    public Summary run(Iterator<Task> tasks, Listener listener) {
        ExecutorService pool = Executors.newFixedThreadPool(workers, r -> {
            Thread t = new Thread(r, "aekit-denoise");
            t.setDaemon(true);
            return t;
        });
        long done = 0;
        long failed = 0;
        long pixels = 0;
        Deque<Future<Long>> inFlight = new ArrayDeque<>();
        try {
            while ((tasks.hasNext() && !full) || !inFlight.isEmpty()) {
                while (!full && tasks.hasNext() && inFlight.size() < workers) {
                    Task t = tasks.next();
                    inFlight.add(pool.submit(() -> one(t, listener)));
                }
                long p = waitFor(inFlight.poll());
                if (p >= 0) {
                    done++;
                    pixels += p;
                } else if (p == FAILED) {
                    failed++;
                }
            }
        } finally {
            pool.shutdownNow();
        }
        return new Summary(done, failed, pixels);
    }

    private static long waitFor(Future<Long> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    /** Pixels written, or FAILED after reporting a failure, or NOT_TRIED once the file system is full. */
    private long one(Task t, Listener listener) {
        if (full) {
            return NOT_TRIED;
        }
        try (PixelBudget.Grant grant = budget.grant()) {
            boolean[] taken = {false};
            RasterImage img = decoder.read(t.input(), 0, 0, (w, h, k) -> {
                if (taken[0]) {
                    return; // a decoder that hands the file on to another reports its size again
                }
                taken[0] = true;
                try { // before the pixels are decoded: this file's share of the budget
                    grant.take(((long) w * h * BYTES_PER_PIXEL + PixelBudget.BYTES_PER_PIXEL - 1)
                            / PixelBudget.BYTES_PER_PIXEL);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new java.io.InterruptedIOException("interrupted while waiting for memory");
                }
            });
            int channels = img.channels();
            long px = (long) img.width() * img.height();
            Denoiser model = models.forChannels(channels);
            RasterImage denoised = model.denoise(img);
            img = null; // the input's samples can go before the output is encoded
            listener.beforeWrite(t); // not under the lock: it may wait for another file's outcome
            ImageFileWriter.write(matchChannels(denoised, channels), t.output(), t.format(), jpegQuality);
            synchronized (listener) {
                listener.done(t, px);
            }
            return px;
        } catch (Exception | OutOfMemoryError e) {
            if (e instanceof aekit.infer.io.WriteFailedException w && w.noSpace()) {
                full = true;
            }
            Throwable why = e instanceof OutOfMemoryError ? new IOException("out of memory (" + e.getMessage() + ")")
                    : e;
            synchronized (listener) {
                listener.failed(t, aekit.infer.io.PrintableNames.errorLine(t.input(), why), e);
            }
            return FAILED;
        }
    }

    /**
     * The result with the input's channels: an RGB result of a grey input becomes grey, by the one preprocessing
     * path's BT.601 luma (public for runs that write elsewhere than local files, such as the Spark job).
     */
    public static RasterImage matchChannels(RasterImage r, int channels) {
        if (r.channels() == channels || channels != 1) {
            return r;
        }
        return r.grey();
    }
}
