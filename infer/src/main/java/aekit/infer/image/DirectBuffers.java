package aekit.infer.image;

import java.nio.ByteBuffer;

/**
 * Small per-thread direct buffers through which zlib data streams (PNG reading and writing). Deflater and Inflater
 * work on direct buffers without pinning Java arrays in JNI critical sections, which would stall the garbage
 * collector (and G1 answers a stalled allocation by growing the heap). The buffers have a fixed size, whatever
 * the image: large images stream through them in chunks.
 */
final class DirectBuffers {
    /** Bytes per chunk. */
    static final int CHUNK = 1 << 16;

    private static final ThreadLocal<ByteBuffer[]> BUFFERS = ThreadLocal.withInitial(
            () -> new ByteBuffer[] {ByteBuffer.allocateDirect(CHUNK), ByteBuffer.allocateDirect(CHUNK)});

    private DirectBuffers() {
    }

    /** This thread's input buffer, cleared. */
    static ByteBuffer in() {
        return BUFFERS.get()[0].clear();
    }

    /** This thread's output buffer, cleared. */
    static ByteBuffer out() {
        return BUFFERS.get()[1].clear();
    }
}
