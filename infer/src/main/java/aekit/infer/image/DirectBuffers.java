package aekit.infer.image;

import java.nio.ByteBuffer;

/**
 * Per-thread direct buffers for zlib (PNG reading and writing). Deflater and Inflater work on direct buffers
 * without pinning Java arrays in JNI critical sections, which would stall the garbage collector.
 */
final class DirectBuffers {
    private static final ThreadLocal<ByteBuffer[]> BUFFERS = ThreadLocal.withInitial(() -> new ByteBuffer[2]);

    private DirectBuffers() {
    }

    /** A cleared direct buffer holding {@code data}, ready to read. */
    static ByteBuffer input(byte[] data) {
        return input(data, 0, data.length);
    }

    /** A cleared direct buffer holding {@code length} bytes of {@code data} from {@code offset}, ready to read. */
    static ByteBuffer input(byte[] data, int offset, int length) {
        ByteBuffer b = buffer(0, length);
        b.put(data, offset, length).flip();
        return b;
    }

    /** A cleared direct buffer with room for at least {@code capacity} bytes, ready to write. */
    static ByteBuffer output(int capacity) {
        return buffer(1, capacity);
    }

    /** A larger output buffer holding what {@code full} holds, ready to write on. */
    static ByteBuffer grow(ByteBuffer full) {
        full.flip();
        ByteBuffer bigger = ByteBuffer.allocateDirect(Math.max(64, full.capacity() * 2));
        bigger.put(full);
        BUFFERS.get()[1] = bigger;
        return bigger;
    }

    private static ByteBuffer buffer(int slot, int capacity) {
        ByteBuffer[] mine = BUFFERS.get();
        ByteBuffer b = mine[slot];
        if (b == null || b.capacity() < capacity) {
            b = ByteBuffer.allocateDirect(Math.max(capacity, 1 << 12));
            mine[slot] = b;
        }
        b.clear();
        return b;
    }
}
