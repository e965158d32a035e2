package io.sagashop.catalog.search;

import io.sagashop.catalog.api.FindProductQuery;
import io.sagashop.catalog.api.ProductId;
import io.sagashop.catalog.api.ProductPage;
import io.sagashop.catalog.api.ProductSortField;
import io.sagashop.catalog.api.ProductView;
import io.sagashop.catalog.api.SearchProductsQuery;
import io.sagashop.platform.DomainError;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Browsing the catalog over HTTP, open to anyone. Served by {@link ProductQueries} in-process, the
 * same code that answers the Axon queries, without a trip through the hub.
 */
@RestController
@RequestMapping("/products")
class ProductQueryController {

    private final ProductQueries queries;

    ProductQueryController(ProductQueries queries) {
        this.queries = queries;
    }

    @GetMapping
    PageResponse search(@RequestParam(required = false) String q,
                        @RequestParam(required = false) String category,
                        @RequestParam(required = false) @DecimalMin("0") BigDecimal minPrice,
                        @RequestParam(required = false) @DecimalMin("0") BigDecimal maxPrice,
                        @RequestParam(defaultValue = "0") @Min(0) @Max(ProductSearch.MAX_PAGE) int page,
                        @RequestParam(defaultValue = "20") @Min(1) @Max(ProductSearch.MAX_PAGE_SIZE) int size,
                        @RequestParam(defaultValue = "name,asc")
                        @Pattern(regexp = "(?i)(name|price|category|sku|created)(,(asc|desc))?",
                                message = "must be FIELD or FIELD,asc|desc with FIELD one of name, price, category, sku, created")
                        String sort) {
        if (minPrice != null && maxPrice != null && minPrice.compareTo(maxPrice) > 0) {
            throw DomainError.invalid("invalid-price-range", "maxPrice", "maxPrice must not be below minPrice").exception();
        }
        String[] sortParts = sort.toUpperCase(Locale.ROOT).split(",");
        boolean descending = sortParts.length > 1 && sortParts[1].equals("DESC");
        ProductPage result = queries.handle(new SearchProductsQuery(q, category, minPrice, maxPrice, page, size,
                ProductSortField.valueOf(sortParts[0]), descending));
        return new PageResponse(result.items().stream().map(ProductResponse::of).toList(), result.page(),
                result.size(), result.totalItems(), result.totalPages());
    }

    @GetMapping("/{id}")
    ProductResponse find(@PathVariable @Pattern(regexp = "[A-Za-z0-9_-]{1,64}") String id) {
        ProductView view = queries.handle(new FindProductQuery(ProductId.of(id)));
        if (view == null) {
            throw DomainError.notFound("product-not-found", "No product " + id).exception();
        }
        return ProductResponse.of(view);
    }

    /** A product over HTTP: the view with a plain string id. */
    record ProductResponse(String id, String sku, String name, String description, String category,
                           BigDecimal price, String currency, int availableStock, boolean discontinued) {

        static ProductResponse of(ProductView v) {
            return new ProductResponse(v.productId().value(), v.sku(), v.name(), v.description(), v.category(),
                    v.price(), v.currency(), v.availableStock(), v.discontinued());
        }
    }

    /** A page of products over HTTP. */
    record PageResponse(List<ProductResponse> items, int page, int size, long totalItems, int totalPages) {
    }
}
