/**
 * What was sent: {@code FindNotificationsQuery} answered from table {@code delivery}, and
 * {@code GET /notifications} for admins and for customers about themselves.
 */
package io.sagashop.notification.history;
