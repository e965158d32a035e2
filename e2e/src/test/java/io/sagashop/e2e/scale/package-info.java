/** Two instances of a service behind the hub: consistent routing, and failover when one dies. */
package io.sagashop.e2e.scale;
