package io.sagashop.catalog.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.sagashop.catalog.api.*;
import io.sagashop.platform.test.WithTestTokens;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

@WebMvcTest(ProductQueryController.class)
@WithTestTokens
class ProductQueryControllerTest {

    static final ProductView KETTLE = new ProductView(ProductId.of("p-1"), "KET-1", "Kettle", "Boils water",
            "kitchen", new BigDecimal("19.90"), "EUR", 4, false);

    @Autowired
    MockMvc mvc;
    @MockitoBean
    ProductQueries queries;

    private static void invalid(ResultActions result, String field) throws Exception {
        result.andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[*].field", contains(field)));
    }

    @Test
    void anyoneCanSearchWithFiltersPagingAndSorting() throws Exception {
        when(queries.handle(any(SearchProductsQuery.class))).thenReturn(new ProductPage(List.of(KETTLE), 1, 5, 6, 2));

        mvc.perform(get("/products?q=kettle&category=kitchen&minPrice=10&maxPrice=20.5&page=1&size=5&sort=price,desc"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items[0].id").value("p-1"))
                .andExpect(jsonPath("$.items[0].availableStock").value(4))
                .andExpect(jsonPath("$.totalItems").value(6))
                .andExpect(jsonPath("$.totalPages").value(2));

        ArgumentCaptor<SearchProductsQuery> asked = ArgumentCaptor.forClass(SearchProductsQuery.class);
        verify(queries).handle(asked.capture());
        assertThat(asked.getValue()).isEqualTo(new SearchProductsQuery("kettle", "kitchen", new BigDecimal("10"),
                new BigDecimal("20.5"), 1, 5, ProductSortField.PRICE, true));
    }

    @Test
    void withoutParametersItIsTheFirstPageByName() throws Exception {
        when(queries.handle(any(SearchProductsQuery.class))).thenReturn(new ProductPage(List.of(), 0, 20, 0, 0));
        mvc.perform(get("/products")).andExpect(status().isOk());
        verify(queries).handle(new SearchProductsQuery(null, null, null, null, 0, 20, ProductSortField.NAME, false));
    }

    @Test
    void aPageSizeOutsideOneToAHundredIsNamed() throws Exception {
        invalid(mvc.perform(get("/products?size=0")), "size");
        invalid(mvc.perform(get("/products?size=101")), "size");
        verifyNoInteractions(queries);
    }

    @Test
    void aNegativePageIsNamed() throws Exception {
        invalid(mvc.perform(get("/products?page=-1")), "page");
        verifyNoInteractions(queries);
    }

    @Test
    void aHugePageOrSizeIsNamedNotAServerError() throws Exception {
        invalid(mvc.perform(get("/products?page=2147483647")), "page");
        invalid(mvc.perform(get("/products?page=10001")), "page");
        invalid(mvc.perform(get("/products?page=99999999999999999999")), "page");
        invalid(mvc.perform(get("/products?size=2147483647")), "size");
        invalid(mvc.perform(get("/products?size=99999999999999999999")), "size");
        invalid(mvc.perform(get("/products?page=2147483647&size=100")), "page");
        verifyNoInteractions(queries);
    }

    @Test
    void theLastPageOneMayAskForIsServed() throws Exception {
        when(queries.handle(any(SearchProductsQuery.class))).thenReturn(new ProductPage(List.of(), 10_000, 100, 0, 0));
        mvc.perform(get("/products?page=10000&size=100")).andExpect(status().isOk());
        verify(queries).handle(new SearchProductsQuery(null, null, null, null, 10_000, 100, ProductSortField.NAME, false));
    }

    @Test
    void aNegativeOrMalformedPriceIsNamed() throws Exception {
        invalid(mvc.perform(get("/products?minPrice=-1")), "minPrice");
        invalid(mvc.perform(get("/products?maxPrice=cheap")), "maxPrice");
        verifyNoInteractions(queries);
    }

    @Test
    void aPriceRangeUpsideDownIsNamed() throws Exception {
        invalid(mvc.perform(get("/products?minPrice=20&maxPrice=10")), "maxPrice");
        verifyNoInteractions(queries);
    }

    @Test
    void anUnknownSortFieldIsNamed() throws Exception {
        invalid(mvc.perform(get("/products?sort=colour,asc")), "sort");
        verifyNoInteractions(queries);
    }

    @Test
    void aProductsDetailShowsItsAvailableStock() throws Exception {
        when(queries.handle(new FindProductQuery(ProductId.of("p-1")))).thenReturn(KETTLE);
        mvc.perform(get("/products/p-1"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.id").value("p-1"))
                .andExpect(jsonPath("$.price").value(19.90))
                .andExpect(jsonPath("$.currency").value("EUR"))
                .andExpect(jsonPath("$.availableStock").value(4));
    }

    @Test
    void anUnknownProductIsNotFound() throws Exception {
        mvc.perform(get("/products/p-404"))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
    }

    @Test
    void aMalformedIdIsNamed() throws Exception {
        invalid(mvc.perform(get("/products/" + "x".repeat(65))), "id");
        verifyNoInteractions(queries);
    }
}
