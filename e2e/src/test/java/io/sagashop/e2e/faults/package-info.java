/** Faults while orders are in flight: kill -9 a service or the hub, stop the optional services. */
package io.sagashop.e2e.faults;
