package io.sagashop.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sagashop.catalog.api.ProductId;
import io.sagashop.platform.test.TestHub;
import io.sagashop.platform.test.TestTokens;
import io.sagashop.platform.test.WithTestTokens;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/**
 * The documented no-MySQL fallback, as {@code ./shop} runs it: the service on H2 in MySQL mode,
 * connected to the hub. The same Flyway scripts build the schema (including the placement table's
 * unique key, {@code insert ignore} and {@code for update}), the order view's plain SQL runs on it,
 * and an order placed twice with one key is one order, tracked as PLACED. (Through the hub because
 * this service has no JPA, so no event store of its own: docs/performance.md, session 12.)
 */
@SpringBootTest(properties = {
        "spring.datasource.url=jdbc:h2:mem:orders_h2;MODE=MySQL;DATABASE_TO_LOWER=TRUE;CASE_INSENSITIVE_IDENTIFIERS=TRUE;DB_CLOSE_DELAY=-1",
        "spring.datasource.username=sa",
        "spring.datasource.password="})
@AutoConfigureMockMvc
@WithTestTokens
@Import(SimulatedParticipants.class)
@DirtiesContext
class H2FallbackTest {

    @DynamicPropertySource
    static void theTestHub(DynamicPropertyRegistry registry) {
        TestHub.connect(registry, "order-saga-h2");
    }

    @Autowired MockMvc mvc;
    @Autowired ObjectMapper json;
    @Autowired SimulatedCatalog catalog;

    @Test
    void anOrderIsPlacedOnceAndTrackedOnH2Too() throws Exception {
        // The catalog holds the reservation without answering, so the order stays PLACED.
        catalog.silence(catalog.product(ProductId.of("kettle"), "Kettle", "24.50", 10));
        String body = json.writeValueAsString(OrderClient.body(ProductId.of("kettle"), 2, null, 0));
        String token = TestTokens.bearer(TestTokens.customer("h2-customer"));

        String first = orderId(mvc.perform(post("/orders").header("Authorization", token).header("Idempotency-Key", "h2-key")
                .contentType(MediaType.APPLICATION_JSON).content(body)).andExpect(status().isAccepted()).andReturn());
        String again = orderId(mvc.perform(post("/orders").header("Authorization", token).header("Idempotency-Key", "h2-key")
                .contentType(MediaType.APPLICATION_JSON).content(body)).andExpect(status().isOk()).andReturn());

        assertThat(again).isEqualTo(first);
        JsonNode view = await().atMost(Duration.ofSeconds(30)).until(() -> {
            MvcResult result = mvc.perform(get("/orders/" + first).header("Authorization", token)).andReturn();
            return result.getResponse().getStatus() == 200 ? json.readTree(result.getResponse().getContentAsString()) : null;
        }, found -> found != null);
        assertThat(view.get("status").asText()).isEqualTo("PLACED");
        assertThat(view.get("total").decimalValue()).isEqualByComparingTo("49.00");
    }

    private String orderId(MvcResult result) throws Exception {
        return json.readTree(result.getResponse().getContentAsString()).get("orderId").asText();
    }
}
