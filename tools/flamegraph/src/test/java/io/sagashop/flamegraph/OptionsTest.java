package io.sagashop.flamegraph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class OptionsTest {

    @Test
    void twoFilesAreEnough() {
        Options options = Options.parse("in.jfr", "out.svg");

        assertThat(options.input()).isEqualTo(Path.of("in.jfr"));
        assertThat(options.output()).isEqualTo(Path.of("out.svg"));
        assertThat(options.threads()).isNull();
        assertThat(options.from()).isNull();
        assertThat(options.to()).isNull();
        assertThat(options.includeNative()).isFalse();
        assertThat(options.folded()).isNull();
        assertThat(options.title()).isEqualTo("Flame graph of in.jfr");
        assertThat(options.oursPrefix()).isEqualTo("io.sagashop.");
        assertThat(options.top()).isEqualTo(15);
        assertThat(options.width()).isEqualTo(1200);
        assertThat(options.window()).isNull();
    }

    @Test
    void everyOptionInAnyOrder() {
        Options options = Options.parse("--threads", "order-saga.*", "in.jfr", "--from", "1.5", "--to", "20",
                "--native", "--folded", "f.txt", "out.svg", "--title", "T", "--ours", "com.example.", "--top", "5", "--width", "900");

        assertThat(options.input()).isEqualTo(Path.of("in.jfr"));
        assertThat(options.output()).isEqualTo(Path.of("out.svg"));
        assertThat(options.threads().pattern()).isEqualTo("order-saga.*");
        assertThat(options.from()).isEqualTo(1.5);
        assertThat(options.to()).isEqualTo(20.0);
        assertThat(options.includeNative()).isTrue();
        assertThat(options.folded()).isEqualTo(Path.of("f.txt"));
        assertThat(options.title()).isEqualTo("T");
        assertThat(options.oursPrefix()).isEqualTo("com.example.");
        assertThat(options.top()).isEqualTo(5);
        assertThat(options.width()).isEqualTo(900);
        assertThat(options.window()).isEqualTo("1.5 s to 20.0 s after the start");
    }

    @Test
    void aWindowMayBeOpenAtEitherEnd() {
        assertThat(Options.parse("a", "b", "--from", "3").window()).isEqualTo("from 3.0 s after the start");
        assertThat(Options.parse("a", "b", "--to", "3").window()).isEqualTo("up to 3.0 s after the start");
    }

    @Test
    void refusesWhatMakesNoSense() {
        assertRefused("no input file", new String[0]);
        assertRefused("no output file", "in.jfr");
        assertRefused("one input and one output only", "in.jfr", "out.svg", "third");
        assertRefused("unknown option --thread", "in.jfr", "out.svg", "--thread", "x");
        assertRefused("--threads needs a value", "in.jfr", "out.svg", "--threads");
        assertRefused("--threads: not a regular expression", "in.jfr", "out.svg", "--threads", "order-saga-(");
        assertRefused("--from needs seconds", "in.jfr", "out.svg", "--from", "soon");
        assertRefused("--to needs seconds", "in.jfr", "out.svg", "--to", "-1");
        assertRefused("--from (5.0) must be before --to (2.0)", "in.jfr", "out.svg", "--from", "5", "--to", "2");
        assertRefused("--top needs a whole number from 1", "in.jfr", "out.svg", "--top", "0");
        assertRefused("--width needs a whole number from 200", "in.jfr", "out.svg", "--width", "wide");
        assertRefused("--ours needs a package prefix", "in.jfr", "out.svg", "--ours", " ");
    }

    private static void assertRefused(String message, String... args) {
        assertThatThrownBy(() -> Options.parse(args))
                .isInstanceOf(Options.UsageException.class)
                .hasMessageContaining(message);
    }

    @Test
    void helpWins() {
        assertThat(Options.wantsHelp(new String[] {"in.jfr", "--help"})).isTrue();
        assertThat(Options.wantsHelp(new String[] {"-h"})).isTrue();
        assertThat(Options.wantsHelp(new String[] {"in.jfr", "out.svg"})).isFalse();
    }
}
