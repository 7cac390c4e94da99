package aekit.infer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class LargeStackTest {
    private static int depth(int n) {
        return n == 0 ? 0 : 1 + depth(n - 1);
    }

    @Test
    void runsWorkThatNeedsMoreThanTheDefaultStackAndReturnsItsCode() {
        // ~100 bytes a frame: 300,000 frames overflow a default 1 MB thread stack, not the 64 MB one
        assertEquals(7, LargeStack.run(() -> depth(300_000) == 300_000 ? 7 : 0));
        assertEquals(1, LargeStack.run(() -> {
            throw new IllegalStateException("a command that throws exits 1");
        }));
    }
}
