package io.sagashop.flamegraph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Folding and the tree, with stacks built by hand (root first). */
class StacksAndTreeTest {

    static final Frame RUN = Frame.of("java.lang.Thread", "run");
    static final Frame SAGA = Frame.of("io.sagashop.order.OrderSaga", "on");
    static final Frame JDBC = Frame.of("org.springframework.jdbc.core.JdbcTemplate", "query");
    static final Frame READ = Frame.of("sun.nio.ch.SocketDispatcher", "read0");
    static final Frame JSON = Frame.of("com.fasterxml.jackson.databind.ObjectMapper", "readValue");

    static Stacks example() {
        Stacks stacks = new Stacks();
        stacks.add(List.of(RUN, SAGA, JDBC, READ), 3);
        stacks.add(List.of(RUN, SAGA, JDBC), 2);
        stacks.add(List.of(RUN, JSON), 1);
        return stacks;
    }

    @Test
    void foldingCountsEachDistinctStackOnce() {
        List<Sample> samples = List.of(
                new Sample(1, "a", List.of(RUN, SAGA)),
                new Sample(2, "b", List.of(RUN, SAGA)),
                new Sample(3, "a", List.of(RUN, JSON)));

        Stacks stacks = Stacks.fold(samples);

        assertThat(stacks.total()).isEqualTo(3);
        assertThat(stacks.counts()).containsOnly(
                org.assertj.core.api.Assertions.entry(List.of(RUN, SAGA), 2L),
                org.assertj.core.api.Assertions.entry(List.of(RUN, JSON), 1L));
    }

    @Test
    void foldedTextIsOneSortedLinePerStackWithFullNames() throws Exception {
        StringWriter out = new StringWriter();

        example().writeFolded(out);

        assertThat(out.toString()).isEqualTo(
                "java.lang.Thread.run;com.fasterxml.jackson.databind.ObjectMapper.readValue 1\n"
                        + "java.lang.Thread.run;io.sagashop.order.OrderSaga.on;org.springframework.jdbc.core.JdbcTemplate.query 2\n"
                        + "java.lang.Thread.run;io.sagashop.order.OrderSaga.on;org.springframework.jdbc.core.JdbcTemplate.query;"
                        + "sun.nio.ch.SocketDispatcher.read0 3\n");
    }

    @Test
    void addingTheSameStackAgainAddsToItsCount() {
        Stacks stacks = example();

        stacks.add(List.of(RUN, JSON), 4);

        assertThat(stacks.counts().get(List.of(RUN, JSON))).isEqualTo(5);
        assertThat(stacks.total()).isEqualTo(10);
    }

    @Test
    void refusesNonPositiveCounts() {
        assertThatThrownBy(() -> new Stacks().add(List.of(RUN), 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theTreeCountsTotalAndSelfPerPath() {
        FrameTree tree = FrameTree.of(example());
        FrameTree.Node root = tree.root();

        assertThat(root.frame()).isEqualTo(FrameTree.ALL);
        assertThat(root.total()).isEqualTo(6);
        assertThat(root.self()).isZero();
        FrameTree.Node run = root.child(RUN);
        assertThat(run.total()).isEqualTo(6);
        assertThat(run.self()).isZero();
        FrameTree.Node saga = run.child(SAGA);
        assertThat(saga.total()).isEqualTo(5);
        assertThat(saga.self()).isZero();
        FrameTree.Node jdbc = saga.child(JDBC);
        assertThat(jdbc.total()).isEqualTo(5);
        assertThat(jdbc.self()).isEqualTo(2);
        assertThat(jdbc.child(READ).total()).isEqualTo(3);
        assertThat(jdbc.child(READ).self()).isEqualTo(3);
        assertThat(run.child(JSON).total()).isEqualTo(1);
        assertThat(run.child(JSON).self()).isEqualTo(1);
        assertThat(tree.depth()).isEqualTo(4);
    }

    @Test
    void theSameMethodOnDifferentPathsIsDifferentNodes() {
        Stacks stacks = new Stacks();
        stacks.add(List.of(RUN, SAGA, JSON), 2);
        stacks.add(List.of(RUN, JSON), 1);

        FrameTree.Node run = FrameTree.of(stacks).root().child(RUN);

        assertThat(run.child(JSON).total()).isEqualTo(1);
        assertThat(run.child(SAGA).child(JSON).total()).isEqualTo(2);
    }

    @Test
    void childrenAreInNameOrderNotSizeOrder() {
        FrameTree.Node run = FrameTree.of(example()).root().child(RUN);

        // ObjectMapper.readValue (1 sample) before OrderSaga.on (5): by name.
        assertThat(run.children()).extracting(FrameTree.Node::frame).containsExactly(JSON, SAGA);
    }

    @Test
    void anEmptyTreeHasNoDepth() {
        FrameTree tree = FrameTree.of(new Stacks());

        assertThat(tree.root().total()).isZero();
        assertThat(tree.depth()).isZero();
    }
}
