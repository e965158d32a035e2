/**
 * The saga inspection library: what an Axon application adds to answer the protocol of
 * {@code io.sagashop.inspection.api} for its sagas. The application's saga code writes
 * {@link io.sagashop.inspection.SagaJournal}; each saga type with operator actions is an
 * {@link io.sagashop.inspection.InspectedSagaType} bean; consistency checks, if any, a
 * {@link io.sagashop.inspection.ConsistencyCheck} bean. Everything else is auto-configured
 * ({@link io.sagashop.inspection.SagaInspectionAutoConfiguration}). Knows no domain.
 */
package io.sagashop.inspection;
