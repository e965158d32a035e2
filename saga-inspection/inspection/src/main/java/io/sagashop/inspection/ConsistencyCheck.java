package io.sagashop.inspection;

import io.sagashop.inspection.api.ConsistencyReportView;

/**
 * The application's consistency checks, when it has some: declare one Spring bean and the
 * library answers {@code ConsistencyReportQuery} with its report. Without one the application
 * answers {@code null}.
 */
@FunctionalInterface
public interface ConsistencyCheck {

    /**
     * Runs the checks now.
     *
     * @param maxViolations list at most this many violations (1 to 10 000, checked by the library);
     *                      the counts cover everything
     * @return the report, its {@code application} the one given
     */
    ConsistencyReportView report(String application, int maxViolations);
}
