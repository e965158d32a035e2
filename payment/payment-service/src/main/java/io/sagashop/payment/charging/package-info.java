/**
 * Calls the gateways for requested payments and refunds, outside the aggregate, and reports their answers back as commands.
 */
package io.sagashop.payment.charging;
