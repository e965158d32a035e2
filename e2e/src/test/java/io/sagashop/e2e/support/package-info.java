/**
 * What every end-to-end test shares: the real processes ({@link io.sagashop.e2e.support.Shop},
 * started once per test JVM on ports 10 000 above the usual ones, against fresh MariaDB
 * schemas), and an HTTP client that speaks only the services' public APIs
 * ({@link io.sagashop.e2e.support.ShopClient}).
 */
package io.sagashop.e2e.support;
