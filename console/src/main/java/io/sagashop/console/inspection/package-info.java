/**
 * How the console asks the applications: the saga inspection protocol's scatter-gather queries
 * through Axon's query bus, operator actions as commands under each saga type's own name, routed
 * by saga id. Nothing here knows a domain: the saga types come from the applications' answers.
 */
package io.sagashop.console.inspection;
