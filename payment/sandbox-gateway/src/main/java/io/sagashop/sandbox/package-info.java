/**
 * A simulated card and wallet payment provider: deterministic test instruments, a ledger of every charge and refund by idempotency key, and injectable faults. It moves no money.
 */
package io.sagashop.sandbox;
