/** Axon wiring every service shares: Jackson serializers, correlation metadata on messages, tracing. */
package io.sagashop.platform.axon;
