package io.sagashop.platform.test.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.sagashop.platform.test.ServiceTest;
import io.sagashop.platform.test.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/**
 * With no Axon Server listening the service still starts, and a command fails fast with
 * AXONIQ-4003, which the platform answers with 503 problem+json instead of a 500.
 */
@ServiceTest(properties = {"sagashop.test.hub=false", "axon.axonserver.servers=127.0.0.1:1"})
class UnreachableHubTest {

    @Autowired
    TestRestTemplate rest;

    @Test
    void commandWithoutAHubIsA503() {
        var response = new Http(rest).call(HttpMethod.POST, "/widgets", TestTokens.admin(), "{\"name\":\"a\",\"quantity\":1}");

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(response.getBody().get("type").asText()).endsWith("/service-unavailable");
    }
}
