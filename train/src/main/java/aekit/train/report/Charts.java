package aekit.train.report;

import aekit.infer.io.AtomicFiles;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** Report charts drawn with XChart and written as PNG (atomically). */
public final class Charts {
    /** Ten well-separated colours (Tableau 10) for the digit classes. */
    static final Color[] CLASS_COLOURS = {
        new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c), new Color(0xd62728), new Color(0x9467bd),
        new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f), new Color(0xbcbd22), new Color(0x17becf)};

    private Charts() {
    }

    /**
     * A tick label pattern with three significant digits at the losses' scale (0.00123 rather than the full double
     * 0.0012345678).
     */
    public static String lossPattern(List<Double> a, List<Double> b) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = 0;
        for (List<Double> l : List.of(a, b)) {
            for (double v : l) {
                if (v > 0 && Double.isFinite(v)) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        if (!(hi > 0)) {
            return "0.###";
        }
        // ticks are about (hi - lo) / 5 apart: show two digits past the first digit of that spacing
        double step = Math.max((hi - lo) / 5, hi * 1e-3);
        int decimals = Math.max(0, Math.min(10, 1 - (int) Math.floor(Math.log10(step))));
        return decimals == 0 ? "0" : "0." + "#".repeat(decimals);
    }

    /** Train and test loss per epoch. */
    public static XYChart lossCurves(String title, List<Double> epochs, List<Double> train, List<Double> test) {
        XYChart chart = new XYChartBuilder().width(800).height(500).title(title).xAxisTitle("epoch")
                .yAxisTitle("loss").build();
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setXAxisDecimalPattern("0"); // whole epochs
        chart.getStyler().setYAxisDecimalPattern(lossPattern(train, test));
        chart.addSeries("train", epochs, train).setMarker(SeriesMarkers.CIRCLE);
        chart.addSeries("test", epochs, test).setMarker(SeriesMarkers.DIAMOND);
        return chart;
    }

    /** 2-d points coloured by integer label (0..9), one series per label. */
    public static XYChart scatterByLabel(String title, float[] xy, byte[] labels, String xTitle, String yTitle) {
        XYChart chart = new XYChartBuilder().width(900).height(800).title(title).xAxisTitle(xTitle)
                .yAxisTitle(yTitle).build();
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        chart.getStyler().setMarkerSize(3);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        for (int label = 0; label < 10; label++) {
            int count = 0;
            for (byte l : labels) {
                if (l == label) {
                    count++;
                }
            }
            if (count == 0) {
                continue;
            }
            double[] xs = new double[count];
            double[] ys = new double[count];
            int k = 0;
            for (int i = 0; i < labels.length; i++) {
                if (labels[i] == label) {
                    xs[k] = xy[2 * i];
                    ys[k] = xy[2 * i + 1];
                    k++;
                }
            }
            XYSeries s = chart.addSeries(Integer.toString(label), xs, ys);
            s.setMarkerColor(CLASS_COLOURS[label]);
            s.setMarker(SeriesMarkers.CIRCLE);
        }
        return chart;
    }

    /** Writes a chart as PNG. */
    public static void savePng(XYChart chart, Path file) throws IOException {
        byte[] png = BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        AtomicFiles.write(file, png);
    }
}
