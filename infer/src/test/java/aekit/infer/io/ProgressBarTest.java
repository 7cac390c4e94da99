package aekit.infer.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The one progress bar: batch runs and training epochs, on a terminal and in logs. */
class ProgressBarTest {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    private String text() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void batchRunsAreSilentOffATerminalAndEndWithTheSummary() {
        ProgressBar bar = new ProgressBar(err, false, 10);
        bar.update(5);
        bar.update(10);
        assertEquals("", text());
        assertTrue(bar.summary(10, 2, 1).startsWith("done 10, skipped 2, failed 1, "), bar.summary(10, 2, 1));
    }

    @Test
    void onATerminalTheBarIsRedrawnInPlaceAndEndsItsLine() {
        ProgressBar bar = new ProgressBar(err, true, 0);
        bar.update(3); // total unknown yet: a count
        assertTrue(text().startsWith("\r3 done  ") && text().contains("images/s  (counting)"), text());
        bar.setTotal(4);
        bar.addSkipped(1);
        bar.update(3); // 3 + 1 skipped of 4: finished, drawn at once and the line ended
        assertTrue(text().contains("\r[########################] 4/4  ") && text().endsWith("\n"), text());
    }

    @Test
    void trainingEpochsPrintLabelledLinesInLogs() {
        ProgressBar bar = new ProgressBar(err, false, "epoch 2/5", 8, "samples", 30);
        bar.update(1, 16, "loss 0.0123"); // the first line comes at once
        bar.update(2, 32, "loss 0.0120"); // within 30 s: not printed
        bar.update(8, 128, "loss 0.0100"); // the last always is
        String[] lines = text().split("\n");
        assertEquals(2, lines.length, text());
        assertTrue(lines[0].startsWith("epoch 2/5 [###.....................] 1/8  ") && lines[0].contains(" samples/s  loss 0.0123  ETA "), lines[0]);
        assertTrue(lines[1].startsWith("epoch 2/5 [########################] 8/8  ") && lines[1].endsWith("ETA 00:00"), lines[1]);
    }

    @Test
    void secondsAreShownAsClockTime() {
        assertEquals("00:59", ProgressBar.formatSeconds(59.4));
        assertEquals("02:05", ProgressBar.formatSeconds(125));
        assertEquals("1:01:01", ProgressBar.formatSeconds(3661));
        assertEquals("--:--", ProgressBar.formatSeconds(Double.NaN));
    }
}
