/**
 * The recommendation service's wire contract: the query other services and the HTTP API ask, and
 * the views it answers with. Plain records; product ids are the catalog's {@code ProductId}.
 */
package io.sagashop.recommendation.api;
