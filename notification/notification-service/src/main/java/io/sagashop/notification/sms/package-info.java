/**
 * Sending SMS: the {@link io.sagashop.notification.sms.SmsProvider} port and the shipped provider,
 * an honest simulation that records each message in table {@code sms_message} and sends nothing.
 */
package io.sagashop.notification.sms;
