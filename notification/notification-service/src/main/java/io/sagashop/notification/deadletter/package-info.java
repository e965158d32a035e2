/**
 * The dead-letter queue of the notifications group over HTTP, for admins: list what failed
 * ({@code GET /dead-letters}) and send it through the handlers again ({@code POST /dead-letters/retry}).
 */
package io.sagashop.notification.deadletter;
