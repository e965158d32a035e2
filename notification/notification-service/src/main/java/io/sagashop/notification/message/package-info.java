/**
 * What a notification says: the order outcome as a {@link io.sagashop.notification.message.OrderNotice}
 * and its rendering through the Thymeleaf templates under {@code templates/notification/}.
 */
package io.sagashop.notification.message;
