package io.sagashop.flamegraph;

import java.io.IOException;
import java.io.Writer;
import java.util.Locale;

/**
 * Draws a {@link FrameTree} as a self-contained SVG flame graph: the root at the bottom, each frame
 * a box as wide as its share of the samples, its callees stacked on top of it. A tooltip per box
 * gives the full name, samples and percent; a colour per {@link Kind} tells whose code it is; a
 * little script zooms into a box on click (the graph reads fine without it).
 */
public final class SvgWriter {

    static final int DEFAULT_WIDTH = 1200;

    private static final int PAD = 10;
    private static final int ROW = 16;
    private static final int BOX = ROW - 1;
    private static final int GRAPH_TOP = 70;
    private static final int FONT = 11;
    /** Width of one character of an 11 px monospace font: decides how much of a label fits. */
    private static final double CHAR = 6.7;
    /** Narrower boxes are not drawn (their samples still count in the box below): keeps files small. */
    static final double MIN_BOX = 0.1;

    private final int width;
    private final Kind.Classifier classifier;

    public SvgWriter(int width, Kind.Classifier classifier) {
        if (width < 200) {
            throw new IllegalArgumentException("width must be at least 200 px: " + width);
        }
        this.width = width;
        this.classifier = classifier;
    }

    public void write(FrameTree tree, Header header, Writer out) throws IOException {
        long total = tree.root().total();
        int rows = total == 0 ? 0 : tree.depth() + 1;
        int graphBottom = GRAPH_TOP + rows * ROW;
        int height = graphBottom + (total == 0 ? 30 : 0) + 40;
        double graphWidth = width - 2.0 * PAD;

        out.write("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"no\"?>\n");
        out.write(String.format(Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\">\n",
                width, height, width, height));
        out.write("<style>\n"
                + "text { font-family: monospace; font-size: " + FONT + "px; fill: #000; }\n"
                + "text.title { font-family: sans-serif; font-size: 16px; font-weight: bold; }\n"
                + "text.info { font-family: sans-serif; font-size: 12px; }\n"
                + "text.hint { font-family: sans-serif; font-size: 11px; fill: #555; }\n"
                + "#unzoom { cursor: pointer; fill: #00c; }\n"
                + "g.f { cursor: pointer; }\n"
                + "g.f text { pointer-events: none; }\n"
                + "g.f:hover rect { stroke: #000; stroke-width: 0.5; }\n"
                + "g.parent { opacity: 0.5; }\n"
                + "</style>\n");
        out.write(String.format(Locale.ROOT, "<rect x=\"0\" y=\"0\" width=\"%d\" height=\"%d\" fill=\"#fbfbf7\"/>\n", width, height));
        out.write(String.format(Locale.ROOT, "<text class=\"title\" x=\"%d\" y=\"24\">%s</text>\n", PAD, escape(header.title())));
        out.write(String.format(Locale.ROOT, "<text class=\"info\" x=\"%d\" y=\"42\">%s</text>\n", PAD, escape(header.describe())));
        out.write(String.format(Locale.ROOT,
                "<text class=\"hint\" x=\"%d\" y=\"58\">root at the bottom, callees above; width = share of the samples; "
                        + "hover for name, samples and percent; click to zoom; boxes narrower than %.1f px are not drawn</text>\n",
                PAD, MIN_BOX));
        out.write(String.format(Locale.ROOT,
                "<text id=\"unzoom\" class=\"info\" x=\"%d\" y=\"58\" text-anchor=\"end\" style=\"display: none\">reset zoom</text>\n",
                width - PAD));

        if (total == 0) {
            out.write(String.format(Locale.ROOT, "<text class=\"info\" x=\"%d\" y=\"%d\">no samples: nothing to draw</text>\n",
                    PAD, GRAPH_TOP + 20));
        } else {
            out.write("<g id=\"frames\">\n");
            drawNode(tree.root(), 0, 0, rows, total, graphWidth, out);
            out.write("</g>\n");
        }
        legend(graphBottom + 24, out);
        script(total, graphWidth, out);
        out.write("</svg>\n");
    }

    /** Draws a node at its sample offset and depth, then its children side by side above it. */
    private void drawNode(FrameTree.Node node, long start, int depth, int rows, long total, double graphWidth, Writer out)
            throws IOException {
        double x = PAD + graphWidth * start / total;
        double w = graphWidth * node.total() / total;
        if (w < MIN_BOX) {
            return;
        }
        int y = GRAPH_TOP + (rows - 1 - depth) * ROW;
        Frame frame = node.frame();
        String label = depth == 0 ? "all (" + total + " samples)" : frame.shortName();
        String tooltip = depth == 0
                ? label
                : String.format(Locale.ROOT, "%s\n%d samples (%.2f %%), self %d",
                        frame.fullName(), node.total(), 100.0 * node.total() / total, node.self());
        out.write(String.format(Locale.ROOT,
                "<g class=\"f\" data-s=\"%d\" data-n=\"%d\" data-d=\"%d\" data-l=\"%s\"><title>%s</title>"
                        + "<rect x=\"%.2f\" y=\"%d\" width=\"%.2f\" height=\"%d\" fill=\"%s\"/>"
                        + "<text x=\"%.2f\" y=\"%d\">%s</text></g>\n",
                start, node.total(), depth, escape(label), escape(tooltip),
                x, y, w, BOX, classifier.of(frame).colour(frame.fullName()),
                x + 3, y + BOX - 4, escape(fit(label, w))));
        long childStart = start;
        for (FrameTree.Node child : node.children()) {
            drawNode(child, childStart, depth + 1, rows, total, graphWidth, out);
            childStart += child.total();
        }
    }

    /** As much of the label as fits in a box of this width ("..", or nothing, when it does not). */
    static String fit(String label, double boxWidth) {
        int room = (int) Math.floor((boxWidth - 6) / CHAR);
        if (room < 3) {
            return "";
        }
        return label.length() <= room ? label : label.substring(0, room - 2) + "..";
    }

    private void legend(int y, Writer out) throws IOException {
        double x = PAD;
        for (Kind kind : Kind.values()) {
            String text = classifier.describe(kind);
            out.write(String.format(Locale.ROOT,
                    "<rect x=\"%.1f\" y=\"%d\" width=\"12\" height=\"12\" fill=\"%s\"/><text class=\"hint\" x=\"%.1f\" y=\"%d\">%s</text>\n",
                    x, y - 10, kind.legendColour(), x + 16, y, escape(text)));
            x += 16 + text.length() * 6.0 + 18;
        }
    }

    // Click a box: it fills the width, its callees scale with it, its callers stay below (faded).
    // Offsets are in samples (data-s, data-n), so boxes are placed exactly at any zoom.
    private static final String SCRIPT = """
            (function () {
              'use strict';
              var LEFT = %s, WIDTH = %s, CHAR = %s, TOTAL = %d;
              var frames = Array.prototype.slice.call(document.querySelectorAll('g.f'));
              var unzoom = document.getElementById('unzoom');
              function num(g, name) { return Number(g.getAttribute('data-' + name)); }
              function fit(label, width) {
                var room = Math.floor((width - 6) / CHAR);
                if (room < 3) { return ''; }
                return label.length <= room ? label : label.substring(0, room - 2) + '..';
              }
              function zoom(start, count, depth) {
                var end = start + count;
                frames.forEach(function (g) {
                  var s = num(g, 's'), e = s + num(g, 'n');
                  if (e <= start || s >= end) { g.style.display = 'none'; return; }
                  var from = Math.max(s, start), to = Math.min(e, end);
                  var x = LEFT + (from - start) / count * WIDTH, w = (to - from) / count * WIDTH;
                  g.style.display = '';
                  g.setAttribute('class', num(g, 'd') < depth ? 'f parent' : 'f');
                  var rect = g.getElementsByTagName('rect')[0], text = g.getElementsByTagName('text')[0];
                  rect.setAttribute('x', x.toFixed(2));
                  rect.setAttribute('width', w.toFixed(2));
                  text.setAttribute('x', (x + 3).toFixed(2));
                  text.textContent = fit(g.getAttribute('data-l'), w);
                });
                unzoom.style.display = depth > 0 ? '' : 'none';
              }
              frames.forEach(function (g) {
                g.addEventListener('click', function () { zoom(num(g, 's'), num(g, 'n'), num(g, 'd')); });
              });
              unzoom.addEventListener('click', function () { zoom(0, TOTAL, 0); });
            })();
            """;

    private void script(long total, double graphWidth, Writer out) throws IOException {
        if (total == 0) {
            return;
        }
        out.write("<script type=\"text/ecmascript\"><![CDATA[\n");
        out.write(String.format(Locale.ROOT, SCRIPT, PAD, String.format(Locale.ROOT, "%.2f", graphWidth), CHAR, total));
        out.write("]]></script>\n");
    }

    /** XML-escapes text for element content and attribute values (frames such as {@code <init>}). */
    static String escape(String text) {
        StringBuilder escaped = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> escaped.append("&amp;");
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&apos;");
                default -> {
                    // Characters XML 1.0 forbids (control characters) would make the file unreadable.
                    if (c < 0x20 && c != '\n' && c != '\t' && c != '\r') {
                        escaped.append('?');
                    } else {
                        escaped.append(c);
                    }
                }
            }
        }
        return escaped.toString();
    }
}
