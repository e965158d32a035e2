/**
 * The product query side: a projection of the catalog in plain SQL for search and product
 * detail, served to other services as Axon query handlers and to browsers over HTTP.
 */
package io.sagashop.catalog.search;
