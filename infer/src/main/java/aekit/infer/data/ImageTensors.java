package aekit.infer.data;

/**
 * A set of same-sized images that can be copied out as float tensors in [0,1], NCHW. Training and inference
 * both read images through this one interface, so a pixel becomes the same float on either side.
 */
public interface ImageTensors {
    /** Number of images. */
    int size();

    /** Channels per image (1 grey, 3 RGB). */
    int channels();

    /** Height in pixels. */
    int height();

    /** Width in pixels. */
    int width();

    /** Copies image {@code index} as C*H*W floats in [0,1] (channel-major) into {@code dst} at {@code offset}. */
    void copyTo(int index, float[] dst, int offset);

    /**
     * The examples of training epoch {@code epoch}: a fixed set is the same every epoch (this default); a sampler of
     * random patches returns that epoch's draws, a function of its seed and the epoch only.
     */
    default ImageTensors forEpoch(int epoch) {
        return this;
    }

    /** Floats per image. */
    default int valuesPerImage() {
        return channels() * height() * width();
    }

    /** Images {@code start .. start+n-1} as one (N, C, H, W) float array, row-major. */
    default float[] batch(int start, int n) {
        int per = valuesPerImage();
        float[] out = new float[n * per];
        for (int i = 0; i < n; i++) {
            copyTo(start + i, out, i * per);
        }
        return out;
    }

    /** The (N, C, H, W) shape of a batch of n of these images. */
    default long[] shape(int n) {
        return new long[] {n, channels(), height(), width()};
    }

    /** The images at the given indices as one (N, C, H, W) float array, row-major. */
    default float[] batch(int[] indices) {
        int per = valuesPerImage();
        float[] out = new float[indices.length * per];
        for (int i = 0; i < indices.length; i++) {
            copyTo(indices[i], out, i * per);
        }
        return out;
    }
}
