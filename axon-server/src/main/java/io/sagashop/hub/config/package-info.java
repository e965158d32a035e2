/** Settings of the hub and the wiring of its gRPC server. */
package io.sagashop.hub.config;
