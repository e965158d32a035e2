/** Database wiring every service shares: the MariaDB dialect, Axon's tables through Flyway. */
package io.sagashop.platform.db;
