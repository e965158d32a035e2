package io.sagashop.flamegraph;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * A written graph parsed back with the JDK's XML parser (so a test fails on anything that is not
 * well-formed XML), as the list of its frame boxes.
 */
record Svg(Document document, List<Box> boxes) {

    static final String NS = "http://www.w3.org/2000/svg";

    /** One frame's box: its label, tooltip, geometry and the text drawn in it. */
    record Box(String label, String title, double x, double width, int depth, long start, long samples, String text, String fill) {
    }

    static Svg parse(Path file) throws Exception {
        return parse(Files.readString(file));
    }

    static Svg parse(String xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        DocumentBuilder builder = factory.newDocumentBuilder();
        builder.setErrorHandler(null);
        Document document = builder.parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        if (!"svg".equals(document.getDocumentElement().getLocalName()) || !NS.equals(document.getDocumentElement().getNamespaceURI())) {
            throw new AssertionError("not an SVG document: " + document.getDocumentElement().getTagName());
        }
        List<Box> boxes = new ArrayList<>();
        NodeList groups = document.getElementsByTagNameNS(NS, "g");
        for (int i = 0; i < groups.getLength(); i++) {
            Element g = (Element) groups.item(i);
            if (!"f".equals(g.getAttribute("class"))) {
                continue;
            }
            Element rect = child(g, "rect");
            boxes.add(new Box(g.getAttribute("data-l"), child(g, "title").getTextContent(),
                    Double.parseDouble(rect.getAttribute("x")), Double.parseDouble(rect.getAttribute("width")),
                    Integer.parseInt(g.getAttribute("data-d")), Long.parseLong(g.getAttribute("data-s")),
                    Long.parseLong(g.getAttribute("data-n")), child(g, "text").getTextContent(), rect.getAttribute("fill")));
        }
        return new Svg(document, boxes);
    }

    private static Element child(Element parent, String name) {
        NodeList children = parent.getElementsByTagNameNS(NS, name);
        if (children.getLength() != 1) {
            throw new AssertionError("a frame's <g> has " + children.getLength() + " <" + name + ">");
        }
        return (Element) children.item(0);
    }

    List<Box> boxesLabelled(String label) {
        return boxes.stream().filter(b -> b.label().equals(label)).toList();
    }

    /** The summed width of the boxes whose label ends with the given text (a method on several paths). */
    double widthOf(String labelSuffix) {
        return boxes.stream().filter(b -> b.label().endsWith(labelSuffix)).mapToDouble(Box::width).sum();
    }

    String text() {
        return document.getDocumentElement().getTextContent();
    }
}
