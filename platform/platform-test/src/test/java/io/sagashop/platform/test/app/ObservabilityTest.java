package io.sagashop.platform.test.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sagashop.platform.test.ServiceTest;
import io.sagashop.platform.test.TestTokens;
import jakarta.servlet.Filter;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.web.FilterChainProxy;
import org.springframework.security.web.ObservationFilterChainDecorator;
import org.springframework.test.util.ReflectionTestUtils;
import org.springframework.web.filter.CompositeFilter;

/**
 * The operator's view of a service: the scrapers' token opens /actuator/prometheus and nothing
 * else, the dead-letter and processor-lag gauges are there, and spans exported to a Zipkin that
 * does not answer break nothing and fill no log.
 */
@ServiceTest(properties = {"axon.axonserver.enabled=false",
        "sagashop.security.metrics-token=" + ObservabilityTest.SCRAPE_TOKEN,
        // nothing listens on port 9: every export fails
        "management.zipkin.tracing.endpoint=http://127.0.0.1:9/api/v2/spans",
        "management.tracing.opentelemetry.export.schedule-delay=500ms"})
@AutoConfigureObservability
@ExtendWith(OutputCaptureExtension.class)
class ObservabilityTest {

    static final String SCRAPE_TOKEN = "scrape-token-for-tests-0123456789";

    @Autowired
    TestRestTemplate rest;
    @Autowired
    ApplicationContext context;

    private ResponseEntity<String> get(String path, String bearer) {
        HttpHeaders headers = new HttpHeaders();
        if (bearer != null) {
            headers.setBearerAuth(bearer);
        }
        return rest.exchange(path, HttpMethod.GET, new HttpEntity<>(headers), String.class);
    }

    @Test
    void theScrapeTokenOpensThePrometheusEndpointOnly() {
        ResponseEntity<String> scraped = get("/actuator/prometheus", SCRAPE_TOKEN);
        assertThat(scraped.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(scraped.getBody()).contains("jvm_memory_used_bytes{application=\"widgets\"");

        assertThat(get("/actuator/prometheus", SCRAPE_TOKEN + "x").getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(get("/actuator/prometheus", null).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(get("/actuator/metrics", SCRAPE_TOKEN).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(get("/actuator/info", SCRAPE_TOKEN).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(get("/me", SCRAPE_TOKEN).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(get("/actuator/prometheus", TestTokens.admin()).getStatusCode()).isEqualTo(HttpStatus.OK);
    }

    @Test
    void theOpenMetricsFormatCarriesNoExemplarsThatOlderPrometheusRefuses() {
        HttpHeaders headers = new HttpHeaders();
        headers.setBearerAuth(SCRAPE_TOKEN);
        // what Prometheus 2.42 asks for
        headers.set(HttpHeaders.ACCEPT, "application/openmetrics-text;version=1.0.0,text/plain;version=0.0.4;q=0.5,*/*;q=0.1");
        rest.exchange("/widgets", HttpMethod.POST, new HttpEntity<>("{\"name\":\"sampled\",\"quantity\":1}", jsonWithAdmin()),
                String.class);
        ResponseEntity<String> scraped = rest.exchange("/actuator/prometheus", HttpMethod.GET, new HttpEntity<>(headers),
                String.class);
        assertThat(scraped.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(scraped.getHeaders().getContentType().toString()).startsWith("application/openmetrics-text");
        assertThat(scraped.getBody()).contains("http_server_requests_seconds_count").doesNotContain("trace_id=");
        assertThat(get("/actuator/prometheus", TestTokens.customer()).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    }

    @Test
    void processorLagIsMeasuredForEveryStreamingProcessor() {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(get("/actuator/prometheus", SCRAPE_TOKEN).getBody())
                .contains("sagashop_processor_events_behind{application=\"widgets\",processor=\"sagashop-deactivated-users\"}"));
    }

    @Test
    void axonIsMeasuredAtItsBusesNotPerEventAndProcessor() {
        ResponseEntity<String> created = rest.exchange("/widgets", HttpMethod.POST,
                new HttpEntity<>("{\"name\":\"counted\",\"quantity\":1}", jsonWithAdmin()), String.class);
        assertThat(created.getStatusCode().is2xxSuccessful()).as(created.toString()).isTrue();

        String scraped = get("/actuator/prometheus", SCRAPE_TOKEN).getBody();
        // what the command error-rate alert reads (ops/prometheus/alerts.yml)
        assertThat(scraped).containsPattern("(?m)^commandBus_processedCounter_total\\{application=\"widgets\"\\} [1-9]")
                .contains("commandBus_failureCounter_total{application=\"widgets\"}");
        assertThat(scraped.lines().filter(line -> !line.startsWith("#"))
                .filter(line -> line.startsWith("eventStore_") || line.startsWith("sagashop_deactivated_users_")))
                .as("no monitor on the event store or an event processor").isEmpty();
    }

    @Test
    void withTheCollectorDownTheServiceWorksAndLogsLittle(CapturedOutput output) throws Exception {
        assertThat(context.getBeanNamesForType(io.opentelemetry.exporter.zipkin.ZipkinSpanExporter.class)).isNotEmpty();
        int before = output.getAll().length();
        for (int i = 0; i < 5; i++) {
            ResponseEntity<String> created = rest.exchange("/widgets", HttpMethod.POST, new HttpEntity<>(
                    "{\"name\":\"traced " + i + "\",\"quantity\":1}", jsonWithAdmin()), String.class);
            assertThat(created.getStatusCode().is2xxSuccessful()).as(created.toString()).isTrue();
            Thread.sleep(1_000);
        }
        // Several export attempts have failed by now (one every 500 ms with spans to send): one line
        // says so, not a warning with a stack trace per batch.
        String logged = output.getAll().substring(before);
        assertThat(logged.lines().filter(line -> line.contains("Failed to export"))).isEmpty();
        assertThat(logged.lines().filter(line -> line.contains("Spans do not reach the trace collector at "
                + "http://127.0.0.1:9/api/v2/spans"))).hasSizeLessThanOrEqualTo(1);
    }

    @Test
    void springSecurityBuildsNoObservationPerFilterButTheRequestIsStillObserved() {
        // The observation predicate (management.observations.enable.spring.security=false) only
        // turned these observations into no-ops: the chain still wrapped each of its filters per
        // request, 8 % of the order service's request thread, and FilterChainProxy's own 8 %.
        List<FilterChainProxy> proxies = filterChainProxies(context.getBean("springSecurityFilterChain"), 0);
        assertThat(proxies).isNotEmpty().allSatisfy(proxy -> assertThat(ReflectionTestUtils.getField(proxy,
                "filterChainDecorator")).isNotInstanceOf(ObservationFilterChainDecorator.class));

        rest.exchange("/widgets", HttpMethod.POST, new HttpEntity<>("{\"name\":\"observed\",\"quantity\":1}",
                jsonWithAdmin()), String.class);
        assertThat(get("/actuator/prometheus", SCRAPE_TOKEN).getBody()).contains("http_server_requests_seconds_count{")
                .doesNotContain("spring_security_");
    }

    /**
     * The security chains' {@link FilterChainProxy}s: Spring Security wraps the one that carries the
     * decorator in composites of its own (its MVC and web configurations), found here field by field.
     */
    private static List<FilterChainProxy> filterChainProxies(Object filter, int depth) {
        List<FilterChainProxy> found = new ArrayList<>();
        if (filter instanceof FilterChainProxy proxy && ReflectionTestUtils.getField(proxy, "filterChains") != null) {
            found.add(proxy);
        }
        if (filter == null || depth > 4 || !filter.getClass().getName().startsWith("org.springframework.")) {
            return found;
        }
        for (Class<?> type = filter.getClass(); type != Object.class; type = type.getSuperclass()) {
            for (Field field : type.getDeclaredFields()) {
                if (Modifier.isStatic(field.getModifiers())) {
                    continue;
                }
                Object value = ReflectionTestUtils.getField(filter, field.getName());
                if (value instanceof Filter || value instanceof CompositeFilter) {
                    found.addAll(filterChainProxies(value, depth + 1));
                } else if (value instanceof List<?> list) {
                    list.stream().filter(Filter.class::isInstance).forEach(item -> found.addAll(filterChainProxies(item, depth + 1)));
                }
            }
        }
        return found;
    }

    private static HttpHeaders jsonWithAdmin() {
        HttpHeaders headers = new HttpHeaders();
        headers.setBearerAuth(TestTokens.admin());
        headers.set(HttpHeaders.CONTENT_TYPE, "application/json");
        return headers;
    }
}
