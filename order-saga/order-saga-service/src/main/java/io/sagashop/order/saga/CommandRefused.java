package io.sagashop.order.saga;

/**
 * Payload of a {@code command-refused} deadline: a participant refused a saga's command (4xx).
 * Scheduled, due at once, from the command's callback, so that the refusal is handled in the
 * saga's own unit of work (serialized with Jackson into db-scheduler's table).
 *
 * @param step    the step the saga was in when it sent the command; a refusal from another step is stale
 * @param command the command's key within the step ({@code StepSaga.key})
 * @param detail  the participant's error, for the journal
 */
record CommandRefused(String step, String command, String detail) {
}
