package io.sagashop.catalog.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sagashop.catalog.api.ProductSortField;
import io.sagashop.catalog.api.SearchProductsQuery;
import org.junit.jupiter.api.Test;
import org.springframework.data.domain.Sort;

class ProductSearchTest {

    @Test
    void splitsTheTextIntoLowerCaseWords() {
        assertThat(ProductSearch.words("  Red  KETTLE ")).containsExactly("red", "kettle");
        assertThat(ProductSearch.words(" ")).isEmpty();
        assertThat(ProductSearch.words(null)).isEmpty();
    }

    @Test
    void sortsByNameByDefaultWithTheIdAsTieBreaker() {
        ProductSearch search = ProductSearch.of(new SearchProductsQuery(null, null, null, null, 2, 10, null, false));
        assertThat(search.pageable().getPageNumber()).isEqualTo(2);
        assertThat(search.pageable().getPageSize()).isEqualTo(10);
        assertThat(search.pageable().getSort())
                .containsExactly(Sort.Order.asc("name"), Sort.Order.asc("productId"));
    }

    @Test
    void sortsByPriceDescending() {
        ProductSearch search = ProductSearch.of(new SearchProductsQuery(null, null, null, null, 0, 10,
                ProductSortField.PRICE, true));
        assertThat(search.pageable().getSort().getOrderFor("price")).isEqualTo(Sort.Order.desc("price"));
    }

    @Test
    void refusesPageSizesOutsideOneToAHundred() {
        assertThatThrownBy(() -> ProductSearch.of(new SearchProductsQuery(null, null, null, null, 0, 101, null, false)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ProductSearch.of(new SearchProductsQuery(null, null, null, null, -1, 10, null, false)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesAPageBeyondTheLastOneMayAskFor() {
        assertThatThrownBy(() -> ProductSearch.of(new SearchProductsQuery(null, null, null, null, Integer.MAX_VALUE, 100, null, false)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("page");
        assertThat(ProductSearch.of(new SearchProductsQuery(null, null, null, null, ProductSearch.MAX_PAGE, 100, null, false))
                .pageable().getOffset()).isEqualTo(1_000_000L);
    }
}
