package io.sagashop.platform.test.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.sagashop.platform.db.SagashopMariaDBDialect;
import io.sagashop.platform.test.ServiceTest;
import io.sagashop.platform.test.TestTokens;
import jakarta.persistence.EntityManagerFactory;
import java.util.List;
import java.util.stream.StreamSupport;
import org.axonframework.config.Configuration;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * The platform as a service sees it, on MariaDB, with Axon's local buses (no hub needed): the
 * problem+json mapping, correlation metadata reaching events, JWT roles, the dialect and tables.
 */
@ServiceTest(properties = "axon.axonserver.enabled=false")
class PlatformBehaviourTest {

    @Autowired
    TestRestTemplate rest;
    @Autowired
    EventStore eventStore;
    @Autowired
    Configuration axon;
    @Autowired
    EntityManagerFactory entityManagerFactory;
    @Autowired
    org.springframework.context.ApplicationContext context;

    private Http http() {
        return new Http(rest);
    }

    private String createWidget(String name) {
        var response = http().call(HttpMethod.POST, "/widgets", TestTokens.admin(),
                "{\"name\":\"" + name + "\",\"quantity\":3}");
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        return response.getBody().get("id").asText();
    }

    @Test
    void invalidBodyIsA400NamingEveryField() {
        var response = http().call(HttpMethod.POST, "/widgets", TestTokens.admin(), "{\"name\":\"\",\"quantity\":-1}");

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(fields(response.getBody())).containsExactly("name", "quantity");
    }

    @Test
    void malformedJsonIsA400() {
        var response = http().call(HttpMethod.POST, "/widgets", TestTokens.admin(), "{\"name\":");

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(response.getBody().get("type").asText()).endsWith("/malformed-request");
    }

    @Test
    void wrongTypeNamesTheField() {
        var response = http().call(HttpMethod.POST, "/widgets", TestTokens.admin(), "{\"name\":\"a\",\"quantity\":\"many\"}");

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(fields(response.getBody())).containsExactly("quantity");
    }

    @Test
    void commandToAnUnknownAggregateIsA404() {
        var response = http().call(HttpMethod.PUT, "/widgets/no-such-widget/name", TestTokens.customer(), "{\"name\":\"x\"}");

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(response.getBody().get("code").asText()).isEqualTo("not-found");
    }

    @Test
    void domainConflictIsA409WithItsCodeAndField() {
        String id = createWidget("blue");

        var response = http().call(HttpMethod.PUT, "/widgets/" + id + "/name", TestTokens.customer(), "{\"name\":\"blue\"}");

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(response.getBody().get("code").asText()).isEqualTo("same-name");
        assertThat(fields(response.getBody())).containsExactly("name");
    }

    @Test
    void domainValidationErrorIsA400() {
        String id = createWidget("green");

        var response = http().call(HttpMethod.PUT, "/widgets/" + id + "/name", TestTokens.customer(), "{\"name\":\"!green\"}");

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(response.getBody().get("code").asText()).isEqualTo("bad-name");
    }

    @Test
    void commandNobodyHandlesIsA503() {
        var response = http().call(HttpMethod.POST, "/widgets/w1/polish", TestTokens.customer(), null);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void requestCorrelationReachesTheEvents() {
        var headers = new HttpHeaders();
        headers.add("X-Correlation-Id", "order-4711");
        headers.add("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
        var created = http().call(HttpMethod.POST, "/widgets", TestTokens.admin(), "{\"name\":\"red\",\"quantity\":1}", headers);
        String id = created.getBody().get("id").asText();

        assertThat(created.getHeaders().getFirst("X-Correlation-Id")).isEqualTo("order-4711");
        MetaData metaData = eventStore.readEvents(id).next().getMetaData();
        assertThat(metaData.get("correlationId")).isEqualTo("order-4711");
        assertThat(metaData.get("traceId")).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
    }

    @Test
    void missingCorrelationIsGenerated() {
        String id = createWidget("plain");

        MetaData metaData = eventStore.readEvents(id).next().getMetaData();
        assertThat((String) metaData.get("correlationId")).matches("[0-9a-f-]{36}");
        assertThat((String) metaData.get("traceId")).matches("[0-9a-f]{32}");
    }

    @Test
    void requestWithoutTokenIs401() {
        var response = http().call(HttpMethod.POST, "/widgets", null, "{\"name\":\"a\",\"quantity\":1}");

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void tokensFromAnUntrustedKeyOrExpiredAreRefused() {
        assertThat(http().call(HttpMethod.GET, "/me", TestTokens.signedByStranger("x", "ADMIN"), null).getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(http().call(HttpMethod.GET, "/me", TestTokens.expired("x", "ADMIN"), null).getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    @Test
    void customerMayNotUseAnAdminEndpoint() {
        var response = http().call(HttpMethod.POST, "/widgets", TestTokens.customer("c-1"), "{\"name\":\"a\",\"quantity\":1}");

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void currentUserReadsSubjectAndRoles() {
        ResponseEntity<JsonNode> response = http().call(HttpMethod.GET, "/me", TestTokens.customer("c-42"), null);

        assertThat(response.getBody().get("id").asText()).isEqualTo("c-42");
        assertThat(response.getBody().get("roles").get(0).asText()).isEqualTo("CUSTOMER");
        assertThat(response.getBody().get("admin").asBoolean()).isFalse();
    }

    @Test
    void methodValidationChecksArgumentsWithThePlatformsPostProcessor() {
        var fine = http().call(HttpMethod.GET, "/labels?code=abc", TestTokens.customer(), null);
        var twice = http().call(HttpMethod.GET, "/labels?code=xyz", TestTokens.customer(), null);
        var bad = http().call(HttpMethod.GET, "/labels?code=ABC1", TestTokens.customer(), null);

        assertThat(fine.getBody().get("label").asText()).isEqualTo("ABC");
        assertThat(twice.getBody().get("label").asText()).isEqualTo("XYZ");
        assertThat(bad.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(bad.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(fields(bad.getBody())).singleElement().asString().endsWith("code");
        var definition = ((org.springframework.context.ConfigurableApplicationContext) context).getBeanFactory()
                .getBeanDefinition("methodValidationPostProcessor");
        assertThat(definition.getBeanClassName()).as("the platform's post-processor, not Boot's")
                .isEqualTo(io.sagashop.platform.validation.MethodValidationAutoConfiguration.class.getName());
    }

    @Test
    void publicPathsAndHealthNeedNoToken() {
        assertThat(rest.getForEntity("/public/ping", String.class).getBody()).isEqualTo("pong");
        assertThat(rest.getForEntity("/actuator/health", String.class).getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(rest.getForEntity("/v3/api-docs", String.class).getStatusCode()).isEqualTo(HttpStatus.OK);
    }

    @Test
    void serializersAreJacksonAndTheDialectIsMariaDb() {
        assertThat(axon.serializer()).isInstanceOf(JacksonSerializer.class);
        assertThat(axon.eventSerializer()).isInstanceOf(JacksonSerializer.class);
        assertThat(axon.messageSerializer()).isInstanceOf(JacksonSerializer.class);
        assertThat(entityManagerFactory.getProperties().get("hibernate.dialect"))
                .isEqualTo(SagashopMariaDBDialect.class.getName());
    }

    @Test
    void axonSpansGoToTheApplicationsOpenTelemetry() {
        // the platform's bean on Spring Boot's OpenTelemetry SDK, not Axon's default on GlobalOpenTelemetry
        assertThat(axon.spanFactory()).isSameAs(context.getBean("sagashopAxonSpanFactory"))
                .isInstanceOf(io.sagashop.platform.axon.TraceContinuingSpanFactory.class);
        assertThat(((io.sagashop.platform.axon.TraceContinuingSpanFactory) axon.spanFactory()).delegate())
                .isInstanceOf(org.axonframework.tracing.opentelemetry.OpenTelemetrySpanFactory.class);
    }

    private static List<String> fields(JsonNode problem) {
        return StreamSupport.stream(problem.get("errors").spliterator(), false)
                .map(error -> error.get("field").asText()).toList();
    }

}
