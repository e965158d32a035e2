package io.sagashop.sandbox;

/**
 * What the provider keeps about a tokenized card: what it may show (brand, last four digits,
 * expiry) and the test behaviour decided from the number when it was tokenized. Never the
 * number itself, nor the CVC.
 *
 * @param token     the token handed to the client, {@code tok_…}
 * @param brand     e.g. {@code visa}
 * @param last4     the number's last four digits
 * @param expMonth  expiry month, 1–12
 * @param expYear   expiry year, four digits
 * @param behaviour what charging this card does in the sandbox
 */
record TokenizedCard(String token, String brand, String last4, int expMonth, int expYear,
                     TestInstruments.Behaviour behaviour) {
}
