package aekit.infer.io;

/**
 * Makes text safe for a one-line message: control characters (a newline in a file name, say) are shown as
 * escapes ({@code \n}, {@code \t}, {@code \x1b}), so a message always stays on one line.
 */
public final class PrintableNames {
    private PrintableNames() {
    }

    /** {@code s} (its {@code toString()}) with every control character escaped. */
    public static String escape(Object s) {
        String t = String.valueOf(s);
        StringBuilder b = null;
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (!Character.isISOControl(c) && c != '\u2028' && c != '\u2029') {
                if (b != null) {
                    b.append(c);
                }
                continue;
            }
            if (b == null) {
                b = new StringBuilder(t.length() + 8).append(t, 0, i);
            }
            switch (c) {
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> b.append(String.format("\\x%02x", (int) c));
            }
        }
        return b == null ? t : b.toString();
    }

    /**
     * One line saying why {@code file} failed: the error's message, starting with the file's name (added if the
     * message lacks it), with the name escaped so that a newline in it does not end the line.
     */
    public static String errorLine(java.nio.file.Path file, Throwable e) {
        String msg = e.getMessage() == null || e.getMessage().equals(file.toString())
                ? file + ": " + e.getClass().getSimpleName() : e.getMessage();
        if (!msg.startsWith(file.toString())) {
            msg = file + ": " + msg;
        }
        msg = msg.replace(file.toString(), escape(file)); // a newline in the name does not end the line
        return escape(msg.lines().findFirst().orElse(msg));
    }
}
