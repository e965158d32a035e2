package io.sagashop.flamegraph;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FrameTest {

    @Test
    void namesAFrameShortForTheGraphAndInFullForTheFoldedStacks() {
        Frame frame = Frame.of("io.sagashop.order.OrderSaga$Step", "handle");

        assertThat(frame.shortName()).isEqualTo("OrderSaga$Step.handle");
        assertThat(frame.fullName()).isEqualTo("io.sagashop.order.OrderSaga$Step.handle");
        assertThat(frame.packageName()).isEqualTo("io.sagashop.order");
        assertThat(frame.isSynthetic()).isFalse();
    }

    @Test
    void aClassInTheDefaultPackageHasNoPackage() {
        Frame frame = Frame.of("Main", "main");

        assertThat(frame.shortName()).isEqualTo("Main.main");
        assertThat(frame.packageName()).isEmpty();
    }

    @Test
    void syntheticFramesAreJustTheirName() {
        assertThat(Frame.TRUNCATED.isSynthetic()).isTrue();
        assertThat(Frame.TRUNCATED.shortName()).isEqualTo("[truncated stack]");
        assertThat(Frame.TRUNCATED.fullName()).isEqualTo("[truncated stack]");
        assertThat(Frame.TRUNCATED.packageName()).isEmpty();
    }

    @Test
    void lambdasFoldIntoOneFrameWhateverNumberAndAddressTheJvmGaveThem() {
        // As JDK 17's JFR names them, as Class.getName() does, and as JDK 21 does.
        assertThat(Frame.normalise("io.sagashop.X$$Lambda$66+0x00007faedc000a08.2060468723")).isEqualTo("io.sagashop.X$$Lambda");
        assertThat(Frame.normalise("io.sagashop.X$$Lambda$1234/0x0000000800c0b000")).isEqualTo("io.sagashop.X$$Lambda");
        assertThat(Frame.normalise("io.sagashop.X$$Lambda/0x0000000800c0b000")).isEqualTo("io.sagashop.X$$Lambda");
        assertThat(Frame.of("io.sagashop.X$$Lambda$7+0x1a.1", "apply"))
                .isEqualTo(Frame.of("io.sagashop.X$$Lambda$99+0x2b.2", "apply"));
    }

    @Test
    void otherGeneratedClassesLoseTheirPerRunNumbers() {
        assertThat(Frame.normalise("java.lang.invoke.LambdaForm$MH+0x0000000800c0c400.123")).isEqualTo("java.lang.invoke.LambdaForm$MH");
        assertThat(Frame.normalise("java.lang.invoke.LambdaForm$DMH/0x0000000800c0c400")).isEqualTo("java.lang.invoke.LambdaForm$DMH");
        assertThat(Frame.normalise("jdk.internal.reflect.GeneratedMethodAccessor123")).isEqualTo("jdk.internal.reflect.GeneratedMethodAccessor");
        assertThat(Frame.normalise("jdk.proxy2.$Proxy187")).isEqualTo("jdk.proxy.$Proxy");
        assertThat(Frame.normalise("io.sagashop.Order$HibernateProxy$k3J9xT1a")).isEqualTo("io.sagashop.Order$HibernateProxy");
    }

    @Test
    void ordinaryNamesStayAsTheyAre() {
        assertThat(Frame.normalise("io.sagashop.order.OrderSaga$$SpringCGLIB$$0")).isEqualTo("io.sagashop.order.OrderSaga$$SpringCGLIB$$0");
        assertThat(Frame.normalise("org.axonframework.eventhandling.pooled.WorkPackage")).isEqualTo("org.axonframework.eventhandling.pooled.WorkPackage");
        assertThat(Frame.normalise("com.example.Proxy12")).isEqualTo("com.example.Proxy12");
    }

    @Test
    void sortsByShortNameThenByFullName() {
        Frame b = Frame.of("a.B", "m");
        Frame a1 = Frame.of("z.A", "m");
        Frame a2 = Frame.of("y.A", "m");

        assertThat(java.util.stream.Stream.of(b, a1, a2).sorted()).containsExactly(a2, a1, b);
    }
}
