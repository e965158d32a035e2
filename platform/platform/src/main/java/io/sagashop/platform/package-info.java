/** What services use from the platform directly: domain errors that travel through the hub and the current user. */
package io.sagashop.platform;
