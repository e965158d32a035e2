package io.sagashop.catalog.product;

import io.sagashop.catalog.api.ProductId;
import java.util.Optional;

/**
 * The set-based validation lookup for unique SKUs: read by the AddProduct handler, written in the
 * same unit of work when ProductAdded is published, so two products can never share a SKU.
 */
interface SkuRegistry {

    /** The product that holds the SKU, if any. */
    Optional<ProductId> holderOf(String sku);

    /** Records that the product holds the SKU. */
    void register(String sku, ProductId productId);
}
