package io.sagashop.platform.db;

import org.axonframework.modelling.saga.SagaStorageException;

/**
 * A saga's row changed (or went) since this instance loaded it: the handling is rolled back and
 * done again from the stored state ({@link CachingJdbcSagaStore}).
 */
public class SagaChangedElsewhereException extends SagaStorageException {

    public SagaChangedElsewhereException(String message) {
        super(message);
    }
}
