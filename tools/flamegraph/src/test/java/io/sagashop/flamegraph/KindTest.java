package io.sagashop.flamegraph;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class KindTest {

    private final Kind.Classifier classifier = new Kind.Classifier(Kind.Classifier.DEFAULT_OURS);

    @Test
    void tellsOurCodeFrameworksLibrariesAndTheJdkApart() {
        assertThat(classifier.of(Frame.of("io.sagashop.order.OrderSaga", "on"))).isEqualTo(Kind.OURS);
        assertThat(classifier.of(Frame.of("org.axonframework.eventhandling.pooled.WorkPackage", "processEvents"))).isEqualTo(Kind.FRAMEWORK);
        assertThat(classifier.of(Frame.of("org.springframework.jdbc.core.JdbcTemplate", "query"))).isEqualTo(Kind.FRAMEWORK);
        assertThat(classifier.of(Frame.of("org.hibernate.internal.SessionImpl", "flush"))).isEqualTo(Kind.FRAMEWORK);
        assertThat(classifier.of(Frame.of("com.mysql.cj.protocol.a.NativeProtocol", "read"))).isEqualTo(Kind.FRAMEWORK);
        assertThat(classifier.of(Frame.of("io.grpc.internal.ServerImpl", "run"))).isEqualTo(Kind.FRAMEWORK);
        assertThat(classifier.of(Frame.of("com.fasterxml.jackson.databind.ObjectMapper", "readValue"))).isEqualTo(Kind.LIBRARY);
        assertThat(classifier.of(Frame.of("java.util.HashMap", "get"))).isEqualTo(Kind.JDK);
        assertThat(classifier.of(Frame.of("sun.nio.ch.SocketDispatcher", "read0"))).isEqualTo(Kind.JDK);
        assertThat(classifier.of(Frame.of("jdk.internal.misc.Unsafe", "park"))).isEqualTo(Kind.JDK);
        assertThat(classifier.of(Frame.TRUNCATED)).isEqualTo(Kind.OTHER);
    }

    @Test
    void ourCodeIsWhatThePrefixSays() {
        Kind.Classifier spring = new Kind.Classifier("org.springframework.");

        assertThat(spring.of(Frame.of("org.springframework.jdbc.core.JdbcTemplate", "query"))).isEqualTo(Kind.OURS);
        assertThat(spring.of(Frame.of("io.sagashop.order.OrderSaga", "on"))).isEqualTo(Kind.LIBRARY);
        assertThat(spring.describe(Kind.OURS)).contains("org.springframework.*");
    }

    @Test
    void aFrameHasTheSameColourEveryTimeAndWithinItsKindsBand() {
        String colour = Kind.OURS.colour("io.sagashop.order.OrderSaga.on");

        assertThat(Kind.OURS.colour("io.sagashop.order.OrderSaga.on")).isEqualTo(colour);
        assertThat(colour).matches("rgb\\((22[5-9]|2[3-4]\\d|25[0-5]),(9\\d|1[0-4]\\d|150),([4-7]\\d|80)\\)");
    }
}
