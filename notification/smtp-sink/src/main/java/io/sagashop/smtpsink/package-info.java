/**
 * The SMTP sink: GreenMail receiving every mail on SMTP, and a tiny HTTP API to read and clear
 * them, so that mails sent in development and end-to-end tests really travel over SMTP and can
 * be checked. It delivers nothing onwards.
 */
package io.sagashop.smtpsink;
