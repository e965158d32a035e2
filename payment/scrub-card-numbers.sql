-- One-off scrub of the card numbers that versions before client-side tokenization stored as the
-- payment method's token (OrderPlaced, PaymentRequested, and the order saga's state). Run it once,
-- after upgrading, with the hub and the order service STOPPED (the hub caches nothing it would
-- write back, but no event may be appended while its rows are rewritten), on MariaDB 10.3+:
--
--   mysql -u root --init-command="SET @hub = 'hub', @orders = 'orders'" mysql < payment/scrub-card-numbers.sql
--
-- (@hub and @orders: the names of the hub's and the order service's schemas.)
--
-- Each number becomes asterisks but for its last four digits, keeping its LENGTH: the hub stores
-- each event as a protobuf message whose length prefixes must stay valid. Separators (spaces,
-- dashes) become asterisks too. Services read the scrubbed events through CardNumberMaskingUpcaster
-- (payment-api), which fills in the last four digits. The script ends with the rows still holding
-- a digit-only token; expect zero everywhere.

DROP PROCEDURE IF EXISTS scrub_card_tokens;
DELIMITER //
CREATE PROCEDURE scrub_card_tokens(IN target VARCHAR(200), IN col VARCHAR(64))
BEGIN
    DECLARE k INT DEFAULT 9;
    -- k characters of digits and separators, then the four digits kept: 13 to 24 characters in all.
    WHILE k <= 20 DO
        SET @statement = CONCAT('UPDATE ', target, ' SET `', col, '` = REGEXP_REPLACE(`', col, '`, ',
            QUOTE(CONCAT('"token":"[0-9 -]{', k, '}([0-9]{4})"')), ', ',
            QUOTE(CONCAT('"token":"', REPEAT('*', k), '\\1"')), ') WHERE `', col, '` REGEXP ',
            QUOTE(CONCAT('"token":"[0-9 -]{', k, '}[0-9]{4}"')));
        PREPARE scrub FROM @statement;
        EXECUTE scrub;
        DEALLOCATE PREPARE scrub;
        SET k = k + 1;
    END WHILE;
    SET @statement = CONCAT('SELECT ', QUOTE(target), ' AS scrubbed_table, COUNT(*) AS rows_still_holding_a_number FROM ',
        target, ' WHERE `', col, '` REGEXP ', QUOTE('"token":"[0-9][0-9 -]{11,22}[0-9]"'));
    PREPARE report FROM @statement;
    EXECUTE report;
    DEALLOCATE PREPARE report;
END //
DELIMITER ;

CALL scrub_card_tokens(CONCAT('`', @hub, '`.hub_event'), 'event');
CALL scrub_card_tokens(CONCAT('`', @hub, '`.hub_snapshot'), 'event');
CALL scrub_card_tokens(CONCAT('`', @hub, '`.hub_scheduled_event'), 'event');
CALL scrub_card_tokens(CONCAT('`', @orders, '`.saga_entry'), 'serialized_saga');
DROP PROCEDURE scrub_card_tokens;
