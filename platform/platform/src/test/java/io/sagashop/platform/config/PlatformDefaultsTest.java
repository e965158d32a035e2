package io.sagashop.platform.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/** Spans leave the service only when a collector is configured; sampling and the trace rules are defaults a service can change. */
class PlatformDefaultsTest {

    private static StandardEnvironment environment(Map<String, Object> settings) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("service", settings));
        new PlatformDefaults().postProcessEnvironment(environment, null);
        return environment;
    }

    @Test
    void withoutAZipkinEndpointNothingIsExported() {
        var environment = environment(Map.of());
        assertThat(environment.getProperty(PlatformDefaults.ZIPKIN_EXPORT)).isEqualTo("false");
    }

    @Test
    void aZipkinEndpointTurnsTheExportOn() {
        var environment = environment(Map.of(PlatformDefaults.ZIPKIN_ENDPOINT, "http://127.0.0.1:9411/api/v2/spans"));
        assertThat(environment.getProperty(PlatformDefaults.ZIPKIN_EXPORT)).isEqualTo("true");
    }

    @Test
    void anExplicitChoiceWinsOverTheEndpointRule() {
        var environment = environment(Map.of(PlatformDefaults.ZIPKIN_ENDPOINT, "http://127.0.0.1:9411/api/v2/spans",
                PlatformDefaults.ZIPKIN_EXPORT, "false"));
        assertThat(environment.getProperty(PlatformDefaults.ZIPKIN_EXPORT)).isEqualTo("false");
    }

    @Test
    void everyTraceSampledUnlessTheServiceSaysOtherwiseAndEventHandlersJoinTheirCausesTrace() {
        assertThat(environment(Map.of()).getProperty("management.tracing.sampling.probability")).isEqualTo("1.0");
        assertThat(environment(Map.of("management.tracing.sampling.probability", "0.1"))
                .getProperty("management.tracing.sampling.probability")).isEqualTo("0.1");
        var defaults = environment(Map.of());
        assertThat(defaults.getProperty("axon.tracing.event-processor.distributed-in-same-trace")).isEqualTo("true");
        assertThat(defaults.getProperty("axon.tracing.event-processor.disable-batch-trace")).isEqualTo("true");
    }
}
