package io.sagashop.order;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.sagashop.catalog.api.ProductId;
import io.sagashop.platform.test.ServiceTest;
import io.sagashop.platform.test.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The service on the hub with neither catalog nor payment connected: what the hub answers for a
 * query nobody handles becomes 503 problem+json, and nothing is created.
 */
@ServiceTest
class NoParticipantsTest {

    @Autowired TestRestTemplate http;
    @Autowired JdbcTemplate jdbc;

    @Test
    void withoutACatalogAnOrderIsRefusedWith503AndNothingIsRecorded() {
        ResponseEntity<JsonNode> answer = new OrderClient(http).place("someone", "k-1",
                OrderClient.body(ProductId.of("kettle"), 1, null, 0));

        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(answer.getHeaders().getContentType().isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)).isTrue();
        assertThat(jdbc.queryForObject("select count(*) from order_placement", Integer.class)).isZero();
    }

    @Test
    void withoutThePaymentServiceTheAuditIsRefusedWith503NamingIt() {
        ResponseEntity<JsonNode> answer = new OrderClient(http).get("/audit", TestTokens.admin());

        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(answer.getBody().get("code").asText()).isEqualTo("payment-unavailable");
        assertThat(answer.getBody().get("detail").asText()).contains("payment");
    }
}
