/**
 * The product query side: a JPA projection of the catalog for search and product detail, served
 * to other services as Axon query handlers and to browsers over HTTP.
 */
package io.sagashop.catalog.search;
