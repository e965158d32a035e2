package io.sagashop.flamegraph;

import static io.sagashop.flamegraph.StacksAndTreeTest.JDBC;
import static io.sagashop.flamegraph.StacksAndTreeTest.JSON;
import static io.sagashop.flamegraph.StacksAndTreeTest.READ;
import static io.sagashop.flamegraph.StacksAndTreeTest.RUN;
import static io.sagashop.flamegraph.StacksAndTreeTest.SAGA;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SummaryTest {

    static final Frame HELPER = Frame.of("io.sagashop.order.Helper", "recurse");
    private final Kind.Classifier classifier = new Kind.Classifier(Kind.Classifier.DEFAULT_OURS);

    static Header header(long samples) {
        return new Header("Test graph", samples, List.of(JfrReader.EXECUTION_SAMPLE), "order-saga.*",
                Instant.parse("2026-12-06T10:00:00.123Z"), Duration.ofMillis(30_400), null);
    }

    @Test
    void selfIsTheLeafOfEachStackAndTotalIsOurMethodsWithEverythingTheyCalled() {
        Stacks stacks = StacksAndTreeTest.example();

        Summary summary = new Summary(header(6), stacks, Map.of("t", 6L), classifier, 15);

        assertThat(summary.self()).containsOnly(entry(READ, 3L), entry(JDBC, 2L), entry(JSON, 1L));
        assertThat(summary.totalOfOurs()).containsOnly(entry(SAGA, 5L));
    }

    @Test
    void aRecursiveMethodCountsOncePerSample() {
        Stacks stacks = new Stacks();
        stacks.add(List.of(RUN, SAGA, HELPER, HELPER, HELPER, JSON), 2);

        Summary summary = new Summary(header(2), stacks, Map.of("t", 2L), classifier, 15);

        assertThat(summary.totalOfOurs()).containsOnly(entry(SAGA, 2L), entry(HELPER, 2L));
    }

    @Test
    void printsTheHeaderThreadsAndBothListsWithPercent() {
        Summary summary = new Summary(header(6), StacksAndTreeTest.example(), Map.of("order-saga-1", 4L, "order-saga-2", 2L), classifier, 15);

        String text = summary.render();

        assertThat(text).startsWith("Test graph\n6 samples (jdk.ExecutionSample), threads matching 'order-saga.*', 30.4 s recorded from 2026-12-06T10:00:00Z\n");
        assertThat(text).contains("threads (top 2 of 2)");
        assertThat(text).containsPattern("\\s+4\\s+66\\.67\\s+order-saga-1\n");
        assertThat(text).containsPattern("self \\(top 15.*\n.*\n\\s+3\\s+50\\.00\\s+SocketDispatcher\\.read0\\s+sun\\.nio\\.ch\n"
                + "\\s+2\\s+33\\.33\\s+JdbcTemplate\\.query\\s+org\\.springframework\\.jdbc\\.core\n"
                + "\\s+1\\s+16\\.67\\s+ObjectMapper\\.readValue\\s+com\\.fasterxml\\.jackson\\.databind\n");
        assertThat(text).containsPattern("total \\(top 15 of our code \\(io\\.sagashop\\.\\*\\).*\n.*\n\\s+5\\s+83\\.33\\s+OrderSaga\\.on\\s+io\\.sagashop\\.order\n");
        assertThat(text).doesNotContain("truncated");
    }

    @Test
    void keepsToTheTopN() {
        Summary summary = new Summary(header(6), StacksAndTreeTest.example(), Map.of("t", 6L), classifier, 2);

        String text = summary.render();

        assertThat(text).contains("SocketDispatcher.read0").contains("JdbcTemplate.query").doesNotContain("ObjectMapper.readValue");
    }

    @Test
    void saysHowManyStacksWereTruncated() {
        Stacks stacks = new Stacks();
        stacks.add(List.of(Frame.TRUNCATED, SAGA, JSON), 1);
        stacks.add(List.of(RUN, JSON), 3);

        String text = new Summary(header(4), stacks, Map.of("t", 4L), classifier, 15).render();

        assertThat(text).contains("1 of 4 samples (25.0 %) had stacks deeper than the recording's stack depth");
    }

    @Test
    void saysWhenNoSampleRanUnderOurCode() {
        Stacks stacks = new Stacks();
        stacks.add(List.of(RUN, JSON), 3);

        assertThat(new Summary(header(3), stacks, Map.of("t", 3L), classifier, 15).render()).contains("no sample ran under our code");
    }
}
