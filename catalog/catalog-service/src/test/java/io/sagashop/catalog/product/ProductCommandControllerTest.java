package io.sagashop.catalog.product;

import io.sagashop.platform.axon.AggregateNotFoundInterceptor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.sagashop.catalog.api.*;
import io.sagashop.platform.DomainError;
import io.sagashop.platform.test.TestTokens;
import io.sagashop.platform.test.WithTestTokens;
import java.math.BigDecimal;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

@WebMvcTest(ProductCommandController.class)
@WithTestTokens
class ProductCommandControllerTest {

    static final String VALID = """
            {"sku":"KET-1","name":"Kettle","description":"Boils water","category":"kitchen",
             "price":19.90,"currency":"EUR","initialStock":5}""";
    static final String VALID_UPDATE = """
            {"name":"Kettle XL","description":"Boils more","category":"kitchen","price":21.00,"currency":"EUR"}""";
    static final String ID = "3f9a1c1e-0000-4000-8000-000000000001";

    @Autowired
    MockMvc mvc;
    @MockitoBean
    CommandGateway commands;

    private ResultActions asAdmin(MockHttpServletRequestBuilder request) throws Exception {
        return mvc.perform(request.header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(TestTokens.admin())));
    }

    private ResultActions asCustomer(MockHttpServletRequestBuilder request) throws Exception {
        return mvc.perform(request.header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(TestTokens.customer())));
    }

    private static MockHttpServletRequestBuilder json(MockHttpServletRequestBuilder request, String body) {
        return request.contentType(MediaType.APPLICATION_JSON).content(body);
    }

    /** What the sender gets for an unknown id: the platform's AggregateNotFoundInterceptor answer on the handling side. */
    private static RuntimeException unknownProduct() {
        return DomainError.notFound(AggregateNotFoundInterceptor.NOT_FOUND, "Nothing found with id " + ID).exception();
    }

    private static void invalid(ResultActions result, String... fields) throws Exception {
        result.andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[*].field", containsInAnyOrder(fields)));
    }

    // --- POST /products

    @Test
    void anAdminAddsAProductAndGetsItsLocation() throws Exception {
        asAdmin(json(post("/products"), VALID))
                .andExpect(status().isCreated())
                .andExpect(header().string(HttpHeaders.LOCATION, matchesPattern("http://localhost/products/[0-9a-f-]{36}")))
                .andExpect(jsonPath("$.id").isString());

        ArgumentCaptor<AddProduct> sent = ArgumentCaptor.forClass(AddProduct.class);
        verify(commands).sendAndWait(sent.capture());
        assertThat(sent.getValue()).usingRecursiveComparison().ignoringFields("productId")
                .isEqualTo(new AddProduct(null, "KET-1", "Kettle", "Boils water", "kitchen",
                        new BigDecimal("19.90"), "EUR", 5));
    }

    @Test
    void aMalformedBodyIsRefusedWithoutACommand() throws Exception {
        asAdmin(json(post("/products"), "{\"sku\": \"KET-1\", "))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        verifyNoInteractions(commands);
    }

    @Test
    void aPriceOfTheWrongTypeIsNamed() throws Exception {
        invalid(asAdmin(json(post("/products"), VALID.replace("19.90", "\"cheap\""))), "price");
        verifyNoInteractions(commands);
    }

    @Test
    void missingFieldsAreEachNamed() throws Exception {
        invalid(asAdmin(json(post("/products"), "{\"sku\":\"KET-1\",\"description\":\"d\",\"category\":\"c\",\"currency\":\"EUR\"}")),
                "initialStock", "name", "price");
        verifyNoInteractions(commands);
    }

    @Test
    void aNegativePriceIsRefused() throws Exception {
        invalid(asAdmin(json(post("/products"), VALID.replace("19.90", "-1.00"))), "price");
        verifyNoInteractions(commands);
    }

    @Test
    void aNegativeInitialStockIsRefused() throws Exception {
        invalid(asAdmin(json(post("/products"), VALID.replace("\"initialStock\":5", "\"initialStock\":-5"))), "initialStock");
        verifyNoInteractions(commands);
    }

    @Test
    void aLowerCaseCurrencyIsRefused() throws Exception {
        invalid(asAdmin(json(post("/products"), VALID.replace("EUR", "eur"))), "currency");
        verifyNoInteractions(commands);
    }

    @Test
    void aCustomerMayNotAddProducts() throws Exception {
        asCustomer(json(post("/products"), VALID))
                .andExpect(status().isForbidden())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        verifyNoInteractions(commands);
    }

    @Test
    void aCustomerGetsForbiddenEvenWithAnInvalidBody() throws Exception {
        asCustomer(json(post("/products"), "{\"price\": -1}"))
                .andExpect(status().isForbidden())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        asCustomer(json(post("/products/" + ID + "/restock"), "not json")).andExpect(status().isForbidden());
        verifyNoInteractions(commands);
    }

    @Test
    void anAnonymousCallerMustAuthenticate() throws Exception {
        mvc.perform(json(post("/products"), VALID))
                .andExpect(status().isUnauthorized())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        verifyNoInteractions(commands);
    }

    @Test
    void aTakenSkuComesBackAsAConflictNamingTheField() throws Exception {
        when(commands.sendAndWait(any())).thenThrow(
                DomainError.conflict("sku-taken", "sku", "SKU KET-1 is already used by product p-9").exception());
        asAdmin(json(post("/products"), VALID))
                .andExpect(status().isConflict())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[*].field", hasItem("sku")));
    }

    // --- PUT /products/{id}

    @Test
    void anUpdateSendsDetailsThenPrice() throws Exception {
        asAdmin(json(put("/products/" + ID), VALID_UPDATE)).andExpect(status().isNoContent());
        ArgumentCaptor<Object> sent = ArgumentCaptor.forClass(Object.class);
        verify(commands, org.mockito.Mockito.times(2)).sendAndWait(sent.capture());
        assertThat(sent.getAllValues()).containsExactly(
                new UpdateProductDetails(ProductId.of(ID), "Kettle XL", "Boils more", "kitchen"),
                new ChangeProductPrice(ProductId.of(ID), new BigDecimal("21.00"), "EUR"));
    }

    @Test
    void anUpdateWithoutCurrencyIsRefused() throws Exception {
        invalid(asAdmin(json(put("/products/" + ID), VALID_UPDATE.replace(",\"currency\":\"EUR\"", ""))), "currency");
        verifyNoInteractions(commands);
    }

    @Test
    void anUpdateWithANegativePriceIsRefused() throws Exception {
        invalid(asAdmin(json(put("/products/" + ID), VALID_UPDATE.replace("21.00", "-21.00"))), "price");
        verifyNoInteractions(commands);
    }

    @Test
    void anUpdateOfAnUnknownProductIsNotFound() throws Exception {
        when(commands.sendAndWait(any())).thenThrow(unknownProduct());
        asAdmin(json(put("/products/" + ID), VALID_UPDATE))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.code").value("not-found"));
    }

    @Test
    void aMalformedIdIsNamed() throws Exception {
        invalid(asAdmin(json(put("/products/bad id!"), VALID_UPDATE)), "id");
        verifyNoInteractions(commands);
    }

    @Test
    void aCustomerMayNotUpdateProducts() throws Exception {
        asCustomer(json(put("/products/" + ID), VALID_UPDATE)).andExpect(status().isForbidden());
        verifyNoInteractions(commands);
    }

    // --- POST /products/{id}/restock

    @Test
    void aRestockSendsTheQuantity() throws Exception {
        asAdmin(json(post("/products/" + ID + "/restock"), "{\"quantity\":7}")).andExpect(status().isNoContent());
        verify(commands).sendAndWait(new RestockProduct(ProductId.of(ID), 7));
    }

    @Test
    void aNegativeOrZeroRestockIsRefused() throws Exception {
        invalid(asAdmin(json(post("/products/" + ID + "/restock"), "{\"quantity\":-3}")), "quantity");
        invalid(asAdmin(json(post("/products/" + ID + "/restock"), "{\"quantity\":0}")), "quantity");
        verifyNoInteractions(commands);
    }

    @Test
    void aRestockWithoutQuantityIsRefused() throws Exception {
        invalid(asAdmin(json(post("/products/" + ID + "/restock"), "{}")), "quantity");
        verifyNoInteractions(commands);
    }

    @Test
    void aRestockWithAMalformedBodyIsRefused() throws Exception {
        asAdmin(json(post("/products/" + ID + "/restock"), "quantity=3"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        verifyNoInteractions(commands);
    }

    @Test
    void aRestockOfAnUnknownProductIsNotFound() throws Exception {
        when(commands.sendAndWait(any())).thenThrow(unknownProduct());
        asAdmin(json(post("/products/" + ID + "/restock"), "{\"quantity\":3}")).andExpect(status().isNotFound());
    }

    @Test
    void aCustomerMayNotRestock() throws Exception {
        asCustomer(json(post("/products/" + ID + "/restock"), "{\"quantity\":3}")).andExpect(status().isForbidden());
        verifyNoInteractions(commands);
    }

    // --- DELETE /products/{id}

    @Test
    void deletingDiscontinues() throws Exception {
        asAdmin(delete("/products/" + ID)).andExpect(status().isNoContent());
        verify(commands).sendAndWait(new DiscontinueProduct(ProductId.of(ID)));
    }

    @Test
    void deletingAnUnknownProductIsNotFound() throws Exception {
        when(commands.sendAndWait(any())).thenThrow(unknownProduct());
        asAdmin(delete("/products/" + ID))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
    }

    @Test
    void aCustomerMayNotDiscontinue() throws Exception {
        asCustomer(delete("/products/" + ID)).andExpect(status().isForbidden());
        verifyNoInteractions(commands);
    }
}
