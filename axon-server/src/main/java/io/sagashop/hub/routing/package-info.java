/** Plumbing shared by command and query routing: flow-controlled provider outboxes and processing instructions. */
package io.sagashop.hub.routing;
