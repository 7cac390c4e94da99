package aekit.infer.batch;

import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * An iterator whose elements are found one at a time by {@link #advance()} (null: no more), for the streams the
 * batch commands build as they go: the folder walk and the files turned into pipeline tasks.
 */
public abstract class LookAhead<T> implements Iterator<T> {
    private T next;

    /** The next element, or null at the end. */
    protected abstract T advance();

    @Override
    public final boolean hasNext() {
        if (next == null) {
            next = advance();
        }
        return next != null;
    }

    @Override
    public final T next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        T t = next;
        next = null;
        return t;
    }
}
