/** Connected client instances, their control streams, heartbeats, event processor info and instructions sent to them. */
package io.sagashop.hub.platform;
