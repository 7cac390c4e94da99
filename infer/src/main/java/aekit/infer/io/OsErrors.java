package aekit.infer.io;

import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/**
 * The operating system's reason for a failed file operation, as a short phrase ("Permission denied"): Java's
 * file exceptions often carry only the path (a temp file's, say) as their message.
 */
public final class OsErrors {
    private OsErrors() {
    }

    /** The reason of {@code e}, never a path, never null, one line. */
    public static String reason(Throwable e) {
        if (e instanceof FileSystemException fse && fse.getReason() != null) {
            String r = oneLine(fse.getReason());
            // the JDK's "Too many levels of symbolic links or unable to access attributes of symbolic link"
            return r.startsWith("Too many levels of symbolic links") ? "Too many levels of symbolic links" : r;
        }
        if (e instanceof AccessDeniedException) {
            return "Permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "No such file or directory";
        }
        if (e instanceof java.nio.file.FileAlreadyExistsException) {
            return "a file is in the way of a folder (File exists)";
        }
        if (e instanceof NotDirectoryException) {
            return "Not a directory";
        }
        if (e instanceof FileSystemLoopException) {
            return "Too many levels of symbolic links";
        }
        if (e instanceof FileSystemException) {
            return e.getClass().getSimpleName();
        }
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : oneLine(m);
    }

    /** Whether {@code e} says the file system is full (or the user's quota is): nothing more can be written. */
    public static boolean isNoSpace(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String r = reason(t);
            if (r.contains("No space left on device") || r.contains("Disk quota exceeded")) {
                return true;
            }
        }
        return false;
    }

    private static String oneLine(String s) {
        return s.lines().findFirst().orElse(s).strip();
    }
}
