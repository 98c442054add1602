/** The audit trail: events written with the changes they record, browsed by staff, pruned after the retention. */
package io.keyhold.audit;
