-- The order sagas' journal moves to the saga-inspection library's tables (its migration
-- db/saga-inspection V0_50 ran before this one; see saga-inspection/README.md): every saga with
-- its timeline and pending deadlines, so an existing install keeps its history. The old journal
-- had no saga type: a saga still in the saga store has its class there; one that ended is the
-- placement saga when it received OrderPlaced (or had an order deadline), else a cancellation saga.

INSERT INTO saga_inspection_saga (saga_id, saga_type, business_key, state, current_step, started_at, last_activity_at, due_at)
SELECT s.saga_id,
       CASE
           WHEN e.saga_type LIKE '%OrderCancellationSaga' THEN 'OrderCancellationSaga'
           WHEN e.saga_type LIKE '%OrderSaga' THEN 'OrderSaga'
           WHEN s.order_deadline IS NOT NULL THEN 'OrderSaga'
           WHEN EXISTS (SELECT 1 FROM saga_timeline t
                        WHERE t.saga_id = s.saga_id AND t.kind = 'EVENT_RECEIVED' AND t.message_name = 'OrderPlaced')
               THEN 'OrderSaga'
           ELSE 'OrderCancellationSaga'
       END,
       s.order_id, s.state, s.current_step, s.started_at, s.last_activity_at, s.order_deadline
FROM saga_summary s
LEFT JOIN saga_entry e ON e.saga_id = s.saga_id;

-- In the old order, so the new ids keep each saga's entries in sequence.
INSERT INTO saga_inspection_timeline (saga_id, at, kind, message_name, service, detail)
SELECT saga_id, at, kind, message_name, service, detail FROM saga_timeline ORDER BY id;

INSERT INTO saga_inspection_deadline (deadline_id, saga_id, deadline_name, due_at)
SELECT deadline_id, saga_id, deadline_name, due_at FROM saga_deadline;

DROP TABLE saga_timeline;
DROP TABLE saga_deadline;
DROP TABLE saga_summary;

-- The journal's retention is the library's db-scheduler task now (saga-inspection-retention).
DELETE FROM scheduled_tasks WHERE task_name = 'saga-journal-retention';
