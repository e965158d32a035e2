package io.sagashop.catalog.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sagashop.catalog.CatalogSchema;
import io.sagashop.catalog.api.*;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@link SearchProductsQuery} over the SQL of {@link ProductSearch} and {@link ProductEntries}
 * on MariaDB: the filters, the sort orders with their tie-breaker, paging and its totals.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProductSearchTest {

    private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");

    private CatalogSchema schema;
    private ProductQueries queries;

    /** Seven products; "p-lamp" is discontinued. */
    @BeforeAll
    void aSmallCatalog() {
        schema = CatalogSchema.mariaDb("catalog_product_search");
        ProductEntries entries = new ProductEntries(schema.dataSource());
        ProductProjection projection = new ProductProjection(entries);
        queries = new ProductQueries(entries);
        add(projection, "p-kettle", "KET-1", "Steel Kettle", "Boils water fast", "kitchen", "19.90", 0);
        add(projection, "p-teapot", "TEA-1", "Teapot", "Porcelain, for loose tea", "kitchen", "25.00", 1);
        add(projection, "p-mug", "MUG-1", "Mug", "Holds 50% more tea", "tableware", "7.50", 2);
        add(projection, "p-cup", "CUP-1", "Cup", "Espresso_cup, no kettle", "tableware", "7.50", 3);
        add(projection, "p-bowl", "BWL-1", "Bowl", "Stoneware!", "tableware", "5.00", 4);
        add(projection, "p-desk", "DSK-1", "Desk", "Oak", "office", "300.00", 5);
        add(projection, "p-lamp", "LMP-1", "Desk lamp", "Warm light, no kettle", "office", "40.00", 6);
        projection.on(new ProductDiscontinued(ProductId.of("p-lamp")));
    }

    @AfterAll
    void dropSchema() {
        schema.close();
    }

    @Test
    void textMatchesEveryWordInNameOrDescriptionWhateverTheCase() {
        assertThat(ids(search("KETTLE", null, null, null))).containsExactly("p-cup", "p-kettle");
        assertThat(ids(search("  tea  porcelain ", null, null, null))).containsExactly("p-teapot");
        assertThat(ids(search("tea", null, null, null))).containsExactly("p-mug", "p-teapot");
        assertThat(ids(search("desk", null, null, null))).as("the lamp is discontinued").containsExactly("p-desk");
    }

    @Test
    void wildcardsAndTheEscapeCharacterInTheTextAreLiteral() {
        assertThat(ids(search("50%", null, null, null))).containsExactly("p-mug");
        assertThat(ids(search("%", null, null, null))).containsExactly("p-mug");
        assertThat(ids(search("o_e", null, null, null))).as("_ is no single-character wildcard").isEmpty();
        assertThat(ids(search("espresso_cup", null, null, null))).containsExactly("p-cup");
        assertThat(ids(search("stoneware!", null, null, null))).containsExactly("p-bowl");
        assertThat(ids(search("!", null, null, null))).containsExactly("p-bowl");
    }

    @Test
    void categoryAndPriceBoundsFilterInclusively() {
        assertThat(ids(search(null, "tableware", null, null))).containsExactly("p-bowl", "p-cup", "p-mug");
        assertThat(ids(search(null, " ", null, null))).as("a blank category is no filter").hasSize(6);
        assertThat(ids(search(null, null, new BigDecimal("7.50"), new BigDecimal("25.00"))))
                .containsExactly("p-cup", "p-mug", "p-kettle", "p-teapot");
        assertThat(ids(search("tea", "kitchen", new BigDecimal("20"), null))).containsExactly("p-teapot");
        assertThat(ids(search(null, "garden", null, null))).isEmpty();
    }

    @Test
    void sortsByEachFieldEitherWayWithTheIdBreakingTies() {
        assertThat(ids(sorted(null, false))).as("by name by default")
                .containsExactly("p-bowl", "p-cup", "p-desk", "p-mug", "p-kettle", "p-teapot");
        assertThat(ids(sorted(ProductSortField.PRICE, false)))
                .containsExactly("p-bowl", "p-cup", "p-mug", "p-kettle", "p-teapot", "p-desk");
        assertThat(ids(sorted(ProductSortField.PRICE, true))).as("equal prices stay in id order")
                .containsExactly("p-desk", "p-teapot", "p-kettle", "p-cup", "p-mug", "p-bowl");
        assertThat(ids(sorted(ProductSortField.CATEGORY, false))).as("then by name")
                .containsExactly("p-kettle", "p-teapot", "p-desk", "p-bowl", "p-cup", "p-mug");
        assertThat(ids(sorted(ProductSortField.CATEGORY, true)))
                .containsExactly("p-mug", "p-cup", "p-bowl", "p-desk", "p-teapot", "p-kettle");
        assertThat(ids(sorted(ProductSortField.SKU, true)))
                .containsExactly("p-teapot", "p-mug", "p-kettle", "p-desk", "p-cup", "p-bowl");
        assertThat(ids(sorted(ProductSortField.CREATED, true)))
                .containsExactly("p-desk", "p-bowl", "p-cup", "p-mug", "p-teapot", "p-kettle");
    }

    @Test
    void pagesCarryTheTotalOfAllMatches() {
        ProductPage first = page(0, 4);
        assertThat(ids(first)).containsExactly("p-bowl", "p-cup", "p-desk", "p-mug");
        assertThat(first).extracting(ProductPage::page, ProductPage::size, ProductPage::totalItems, ProductPage::totalPages)
                .containsExactly(0, 4, 6L, 2);
        ProductPage last = page(1, 4);
        assertThat(ids(last)).containsExactly("p-kettle", "p-teapot");
        assertThat(last.totalItems()).isEqualTo(6);
        assertThat(last.totalPages()).isEqualTo(2);
        ProductPage exactlyFull = page(1, 3);
        assertThat(ids(exactlyFull)).containsExactly("p-mug", "p-kettle", "p-teapot");
        assertThat(exactlyFull.totalItems()).isEqualTo(6);
        ProductPage beyond = page(5, 4);
        assertThat(beyond.items()).isEmpty();
        assertThat(beyond.totalItems()).isEqualTo(6);
        assertThat(beyond.totalPages()).isEqualTo(2);
        ProductPage nothing = queries.handle(new SearchProductsQuery("no-such-word", null, null, null, 0, 10, null, false));
        assertThat(nothing).extracting(ProductPage::totalItems, ProductPage::totalPages).containsExactly(0L, 0);
        assertThat(page(ProductSearch.MAX_PAGE, ProductSearch.MAX_PAGE_SIZE).totalItems()).isEqualTo(6);
    }

    @Test
    void splitsTheTextIntoLowerCaseWords() {
        assertThat(ProductSearch.words("  Red  KETTLE ")).containsExactly("red", "kettle");
        assertThat(ProductSearch.words(" ")).isEmpty();
        assertThat(ProductSearch.words(null)).isEmpty();
    }

    @Test
    void refusesPageSizesOutsideOneToAHundredAndPagesOutsideZeroToTheLastOneMayAskFor() {
        assertThatThrownBy(() -> ProductSearch.of(new SearchProductsQuery(null, null, null, null, 0, 101, null, false)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("size");
        assertThatThrownBy(() -> ProductSearch.of(new SearchProductsQuery(null, null, null, null, 0, 0, null, false)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("size");
        assertThatThrownBy(() -> ProductSearch.of(new SearchProductsQuery(null, null, null, null, -1, 10, null, false)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("page");
        assertThatThrownBy(() -> ProductSearch.of(new SearchProductsQuery(null, null, null, null, Integer.MAX_VALUE, 100, null, false)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("page");
        assertThat(ProductSearch.of(new SearchProductsQuery(null, null, null, null, ProductSearch.MAX_PAGE, 100, null, false))
                .offset()).isEqualTo(1_000_000L);
    }

    private static void add(ProductProjection projection, String id, String sku, String name, String description,
                            String category, String price, int minutes) {
        projection.on(new ProductAdded(ProductId.of(id), sku, name, description, category, new BigDecimal(price), "EUR", 5),
                T0.plusSeconds(60L * minutes));
    }

    private ProductPage search(String text, String category, BigDecimal minPrice, BigDecimal maxPrice) {
        return queries.handle(new SearchProductsQuery(text, category, minPrice, maxPrice, 0, 100, ProductSortField.NAME, false));
    }

    private ProductPage sorted(ProductSortField field, boolean descending) {
        return queries.handle(new SearchProductsQuery(null, null, null, null, 0, 100, field, descending));
    }

    private ProductPage page(int page, int size) {
        return queries.handle(new SearchProductsQuery(null, null, null, null, page, size, null, false));
    }

    private static List<String> ids(ProductPage page) {
        return page.items().stream().map(item -> item.productId().value()).toList();
    }
}
