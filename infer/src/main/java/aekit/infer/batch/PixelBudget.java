package aekit.infer.batch;

/**
 * Bounds the pixels of full-size images held at once by all workers together (a budget, not a worker count): a
 * worker takes a grant for an image's pixels before it decodes (or scales back) a full-size image and returns it
 * when that memory is garbage. A grant larger than the whole budget is cut to the budget, so one image that alone
 * fits the heap always runs, by itself.
 */
public final class PixelBudget {
    /**
     * Heap bytes a pixel may cost at the peak of its decode or write. The worst case is a result scaled back to a
     * 3-channel input's size ({@code --keep-size}): float planes (the resized tensor and one resized channel),
     * 8-bit samples, PNG filter and deflate buffers; decoding at full size costs less (8-bit samples and float
     * planes). Measured: see README, "Robustness".
     */
    public static final long BYTES_PER_PIXEL = 32;

    /** Heap kept out of the budget for everything else (model, queues, JIT, small images). */
    static final long RESERVE_BYTES = 256L << 20;

    private final long capacity;
    private long available;

    /** A budget of {@code capacity} pixels. */
    public PixelBudget(long capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("pixel budget must be positive, got " + capacity);
        }
        this.capacity = capacity;
        this.available = capacity;
    }

    /** The budget this JVM's maximum heap allows: (max heap - reserve) / {@link #BYTES_PER_PIXEL}, at least 1 MP. */
    public static PixelBudget forHeap() {
        long heap = Runtime.getRuntime().maxMemory();
        return new PixelBudget(Math.max(1_000_000L, (heap - RESERVE_BYTES) / BYTES_PER_PIXEL));
    }

    /** The whole budget in pixels. */
    public long capacity() {
        return capacity;
    }

    /** A grant holding nothing yet; close it to return what it took. */
    public Grant grant() {
        return new Grant();
    }

    private synchronized long take(long pixels) throws InterruptedException {
        long n = Math.min(Math.max(0, pixels), capacity);
        while (available < n) {
            wait();
        }
        available -= n;
        return n;
    }

    private synchronized void give(long n) {
        available += n;
        notifyAll();
    }

    /** Pixels taken from the budget by one worker for one image. */
    public final class Grant implements AutoCloseable {
        private long held;

        private Grant() {
        }

        /** Takes {@code pixels} (at most the whole budget), waiting until they are free; once per grant. */
        public void take(long pixels) throws InterruptedException {
            if (held > 0) {
                throw new IllegalStateException("a grant takes once");
            }
            held = PixelBudget.this.take(pixels);
        }

        @Override
        public void close() {
            if (held > 0) {
                give(held);
                held = 0;
            }
        }
    }
}
