package io.sagashop.platform.test.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.sagashop.platform.test.TestTokens;
import io.sagashop.platform.test.WithTestTokens;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;

/**
 * The documented no-MySQL fallback: the same Flyway scripts (Axon's tables included) on H2 in
 * MySQL mode pass {@code ddl-auto: validate}, and a command stores its event there.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:h2fallback;MODE=MySQL;DATABASE_TO_LOWER=TRUE;CASE_INSENSITIVE_IDENTIFIERS=TRUE",
        "spring.datasource.username=sa",
        "spring.datasource.password=",
        "axon.axonserver.enabled=false"})
@WithTestTokens
class H2FallbackTest {

    @Autowired
    TestRestTemplate rest;
    @Autowired
    EventStore eventStore;

    @Test
    void runsOnH2InMySqlMode() {
        var created = new Http(rest).call(HttpMethod.POST, "/widgets", TestTokens.admin(), "{\"name\":\"h2\",\"quantity\":1}");

        assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(eventStore.readEvents(created.getBody().get("id").asText()).hasNext()).isTrue();
    }
}
