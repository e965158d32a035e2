-- FindPaymentsPageQuery pages by payment id (keyset: after the last id of the previous page).
-- Without a status that is a range of the primary key; with one it needs (status, payment_id),
-- else each page would read and sort every payment of the status. Nothing orders a status's
-- payments by time any more (FindAllPaymentsQuery is gone), so that index goes.
CREATE INDEX payment_status_id ON payment (status, payment_id);
DROP INDEX payment_status ON payment;
