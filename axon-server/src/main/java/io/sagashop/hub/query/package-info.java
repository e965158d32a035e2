/** Query handler subscriptions and routing of direct, scatter-gather, streaming and subscription queries. */
package io.sagashop.hub.query;
