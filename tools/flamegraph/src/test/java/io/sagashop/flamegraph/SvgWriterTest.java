package io.sagashop.flamegraph;

import static io.sagashop.flamegraph.StacksAndTreeTest.JDBC;
import static io.sagashop.flamegraph.StacksAndTreeTest.JSON;
import static io.sagashop.flamegraph.StacksAndTreeTest.READ;
import static io.sagashop.flamegraph.StacksAndTreeTest.RUN;
import static io.sagashop.flamegraph.StacksAndTreeTest.SAGA;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

class SvgWriterTest {

    private final Kind.Classifier classifier = new Kind.Classifier(Kind.Classifier.DEFAULT_OURS);

    private Svg draw(Stacks stacks, int width) throws Exception {
        StringWriter out = new StringWriter();
        new SvgWriter(width, classifier).write(FrameTree.of(stacks), SummaryTest.header(stacks.total()), out);
        return Svg.parse(out.toString());
    }

    @Test
    void oneBoxPerNodeAsWideAsItsShareOfTheSamples() throws Exception {
        Svg svg = draw(StacksAndTreeTest.example(), 1200);

        // all, run, saga, jdbc, read, json
        assertThat(svg.boxes()).hasSize(6);
        double full = svg.boxesLabelled("all (6 samples)").get(0).width();
        assertThat(full).isCloseTo(1180, within(0.01));
        assertThat(svg.boxesLabelled("Thread.run").get(0).width()).isCloseTo(full, within(0.01));
        assertThat(svg.boxesLabelled("OrderSaga.on").get(0).width()).isCloseTo(full * 5 / 6, within(0.01));
        assertThat(svg.boxesLabelled("SocketDispatcher.read0").get(0).width()).isCloseTo(full * 3 / 6, within(0.01));
        assertThat(svg.boxesLabelled("ObjectMapper.readValue").get(0).width()).isCloseTo(full / 6, within(0.01));
    }

    @Test
    void childrenSitSideBySideAboveTheirParentRootAtTheBottom() throws Exception {
        Svg svg = draw(StacksAndTreeTest.example(), 1200);

        Svg.Box json = svg.boxesLabelled("ObjectMapper.readValue").get(0);
        Svg.Box saga = svg.boxesLabelled("OrderSaga.on").get(0);
        // Name order: ObjectMapper.readValue first, OrderSaga.on right after it.
        assertThat(json.start()).isZero();
        assertThat(saga.start()).isEqualTo(1);
        assertThat(saga.x()).isCloseTo(json.x() + json.width(), within(0.02));
        assertThat(svg.boxesLabelled("SocketDispatcher.read0").get(0).depth()).isEqualTo(4);
        double rootY = y(svg, "all (6 samples)");
        assertThat(y(svg, "Thread.run")).isLessThan(rootY);
        assertThat(y(svg, "SocketDispatcher.read0")).isLessThan(y(svg, "JdbcTemplate.query"));
    }

    private static double y(Svg svg, String label) {
        org.w3c.dom.NodeList rects = svg.document().getElementsByTagNameNS(Svg.NS, "rect");
        for (int i = 0; i < rects.getLength(); i++) {
            org.w3c.dom.Element rect = (org.w3c.dom.Element) rects.item(i);
            org.w3c.dom.Element g = (org.w3c.dom.Element) rect.getParentNode();
            if (label.equals(g.getAttribute("data-l"))) {
                return Double.parseDouble(rect.getAttribute("y"));
            }
        }
        throw new AssertionError("no box " + label);
    }

    @Test
    void tooltipsGiveFullNameSamplesPercentAndSelf() throws Exception {
        Svg svg = draw(StacksAndTreeTest.example(), 1200);

        assertThat(svg.boxesLabelled("JdbcTemplate.query").get(0).title())
                .isEqualTo("org.springframework.jdbc.core.JdbcTemplate.query\n5 samples (83.33 %), self 2");
    }

    @Test
    void coloursByKind() throws Exception {
        Svg svg = draw(StacksAndTreeTest.example(), 1200);

        assertThat(svg.boxesLabelled("OrderSaga.on").get(0).fill()).isEqualTo(Kind.OURS.colour(SAGA.fullName()));
        assertThat(svg.boxesLabelled("JdbcTemplate.query").get(0).fill()).isEqualTo(Kind.FRAMEWORK.colour(JDBC.fullName()));
        assertThat(svg.boxesLabelled("SocketDispatcher.read0").get(0).fill()).isEqualTo(Kind.JDK.colour(READ.fullName()));
        assertThat(svg.boxesLabelled("ObjectMapper.readValue").get(0).fill()).isEqualTo(Kind.LIBRARY.colour(JSON.fullName()));
        assertThat(svg.text()).contains("our code (io.sagashop.*)", "frameworks (Axon, Spring, Hibernate", "JDK", "other libraries");
    }

    @Test
    void theHeaderSaysTitleSamplesThreadsAndDuration() throws Exception {
        Svg svg = draw(StacksAndTreeTest.example(), 1200);

        assertThat(svg.text()).contains("Test graph", "6 samples (jdk.ExecutionSample), threads matching 'order-saga.*', 30.4 s recorded");
    }

    @Test
    void labelsAreClippedToTheirBoxAndLeftOutOfTinyBoxes() throws Exception {
        Stacks stacks = new Stacks();
        stacks.add(List.of(RUN, SAGA), 1);
        stacks.add(List.of(RUN, JSON), 1000);

        Svg svg = draw(stacks, 1200);

        // 1/1001 of 1180 px: about 1.2 px, no room for text; the wide one has all of its label.
        assertThat(svg.boxesLabelled("OrderSaga.on").get(0).text()).isEmpty();
        assertThat(svg.boxesLabelled("ObjectMapper.readValue").get(0).text()).isEqualTo("ObjectMapper.readValue");
        assertThat(SvgWriter.fit("ObjectMapper.readValue", 60)).isEqualTo("Object..");
        assertThat(SvgWriter.fit("ObjectMapper.readValue", 20)).isEmpty();
    }

    @Test
    void leavesOutBoxesNarrowerThanATenthOfAPixelButKeepsTheirSamplesBelow() throws Exception {
        Stacks stacks = new Stacks();
        stacks.add(List.of(RUN, SAGA), 1);
        stacks.add(List.of(RUN, JSON), 100_000);

        Svg svg = draw(stacks, 1200);

        assertThat(svg.boxesLabelled("OrderSaga.on")).isEmpty();
        assertThat(svg.boxesLabelled("Thread.run").get(0).samples()).isEqualTo(100_001);
    }

    @Test
    void escapesNamesThatAreNotXml() throws Exception {
        Stacks stacks = new Stacks();
        stacks.add(List.of(RUN, Frame.of("io.sagashop.A&B", "<init>")), 1);

        Svg svg = draw(stacks, 1200);

        assertThat(svg.boxesLabelled("A&B.<init>")).hasSize(1);
        assertThat(svg.boxesLabelled("A&B.<init>").get(0).title()).startsWith("io.sagashop.A&B.<init>\n");
    }

    @Test
    void aGraphWithoutSamplesIsStillAValidSvgThatSaysSo() throws Exception {
        Svg svg = draw(new Stacks(), 1200);

        assertThat(svg.boxes()).isEmpty();
        assertThat(svg.text()).contains("no samples");
    }

    @Test
    void theWidthIsTheSvgsWidth() throws Exception {
        Svg svg = draw(StacksAndTreeTest.example(), 800);

        assertThat(svg.document().getDocumentElement().getAttribute("width")).isEqualTo("800");
        assertThat(svg.boxesLabelled("all (6 samples)").get(0).width()).isCloseTo(780, within(0.01));
        assertThatThrownBy(() -> new SvgWriter(100, classifier)).isInstanceOf(IllegalArgumentException.class);
    }
}
