package aekit.infer.cli;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * Finds inputs that would be written to the same output (a.png and a.jpg both become a.png) while the files
 * stream past, in {@link InputFiles#walk} order. Such pairs always sit in one folder, and a folder's files come in
 * one unbroken run of that order, so only the folders on the current path are remembered: memory is bounded by
 * the largest folder, not the tree. With several inputs, outputs of different inputs can meet anywhere, so their
 * claims are all kept.
 */
final class OutputClaims {
    /** Claims of the folders on the current path, innermost first. */
    private final Deque<Folder> path = new ArrayDeque<>();
    private final Map<Path, Path> all;

    private record Folder(Path dir, Map<Path, Path> claims) {
    }

    OutputClaims(int inputs) {
        all = inputs > 1 ? new HashMap<>() : null;
    }

    /**
     * Claims {@code target} for {@code input}; returns the input that claimed it first, or null if it is free.
     * Inputs must come in walk order.
     */
    Path claim(Path target, Path input) {
        Path t = target.toAbsolutePath().normalize();
        if (all != null) {
            return all.putIfAbsent(t, input);
        }
        Path dir = input.toAbsolutePath().normalize().getParent();
        while (!path.isEmpty() && !dir.startsWith(path.peek().dir())) {
            path.pop(); // that folder's run has ended: none of its files will come again
        }
        if (path.isEmpty() || !path.peek().dir().equals(dir)) {
            path.push(new Folder(dir, new HashMap<>()));
        }
        return path.peek().claims().putIfAbsent(t, input);
    }
}
