package aekit.infer.batch;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * Finds inputs that would be written to the same output (a.png and a.jpg both become a.png) while the files
 * stream past, in {@link InputFiles#walk} order. The first input that is actually written wins: a later one waits
 * for the earlier claim's outcome ({@link Claim#writtenBy()}), so a corrupt a.bmp does not keep a good a.png out. Such pairs always sit in one folder, and a folder's files come in
 * one unbroken run of that order, so only the folders on the current path are remembered: memory is bounded by
 * the largest folder, not the tree. With several inputs, outputs of different inputs can meet anywhere, so their
 * claims are all kept.
 */
final class OutputClaims {
    /** Claims of the folders on the current path, innermost first. */
    private final Deque<Folder> path = new ArrayDeque<>();
    private final Map<Path, Claim> all;

    private record Folder(Path dir, Map<Path, Claim> claims) {
    }

    /**
     * One input's claim on its output.
     *
     * @param input    the input
     * @param previous the claim of an earlier input on the same output, or null
     * @param outcome  completed with the input whose result is at the output once this input is done (this one,
     *                 or the earlier one's), or null when none is
     */
    record Claim(Path input, Claim previous, java.util.concurrent.CompletableFuture<Path> outcome) {
        /** The input whose result is at the output after this claim's input is done (waits for it), or null. */
        Path writtenBy() throws InterruptedException {
            try {
                return outcome.get();
            } catch (java.util.concurrent.ExecutionException e) {
                return null;
            }
        }

        /** Records that this input's result was written (or, with false, that it was not). */
        void finished(boolean written) {
            try {
                outcome.complete(written ? input : previous == null ? null : previous.writtenBy());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                outcome.complete(null);
            }
        }
    }

    OutputClaims(int inputs) {
        all = inputs > 1 ? new HashMap<>() : null;
    }

    /**
     * Claims {@code target} for {@code input}; the claim's {@link Claim#previous()} is the claim of the input
     * that claimed it before (null if it was free). Inputs must come in walk order.
     */
    Claim claim(Path target, Path input) {
        Path t = target.toAbsolutePath().normalize();
        if (all != null) {
            return all.compute(t, (k, prev) -> new Claim(input, prev, new java.util.concurrent.CompletableFuture<>()));
        }
        Path dir = input.toAbsolutePath().normalize().getParent();
        while (!path.isEmpty() && !dir.startsWith(path.peek().dir())) {
            path.pop(); // that folder's run has ended: none of its files will come again
        }
        if (path.isEmpty() || !path.peek().dir().equals(dir)) {
            path.push(new Folder(dir, new HashMap<>()));
        }
        return path.peek().claims().compute(t, (k, prev) -> new Claim(input, prev,
                new java.util.concurrent.CompletableFuture<>()));
    }
}
