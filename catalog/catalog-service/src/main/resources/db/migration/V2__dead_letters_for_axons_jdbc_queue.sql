-- The dead letters of catalog-search and catalog-stock, in the layout Axon's JDBC dead-letter
-- queue writes: the service runs without JPA, so Axon's JPA queue (over the platform's
-- dead_letter_entry) is gone. dead_letter_entry itself stays as it is: the JDBC queue writes its
-- times as ISO-8601 text, which the DATETIME columns there refuse, and a JPA runtime that loads
-- Axon's entities validates that table as it is. MySQL syntax that also runs on H2 in MySQL mode.
create table dead_letter (
    dead_letter_id       varchar(255)  not null,
    processing_group     varchar(255)  not null,
    sequence_identifier  varchar(255)  not null,
    sequence_index       bigint        not null,
    message_type         varchar(255)  not null,
    event_identifier     varchar(255)  not null,
    time_stamp           varchar(255)  not null,
    payload_type         varchar(255)  not null,
    payload_revision     varchar(255),
    payload              longblob      not null,
    meta_data            longblob,
    type                 varchar(255),
    aggregate_identifier varchar(255),
    sequence_number      bigint,
    token_type           varchar(255),
    token                longblob,
    enqueued_at          varchar(255)  not null,
    last_touched         varchar(255),
    processing_started   varchar(255),
    cause_type           varchar(255),
    cause_message        varchar(1023),
    diagnostics          longblob,
    primary key (dead_letter_id)
);
-- Also serves the queue's lookups by processing group, and by group and sequence.
create unique index ux_dead_letter_position on dead_letter (processing_group, sequence_identifier, sequence_index);

-- Letters parked by the JPA queue move over, their times rewritten as Axon formats them
-- (Hibernate stored them as UTC wall-clock times).
insert into dead_letter (dead_letter_id, processing_group, sequence_identifier, sequence_index, message_type,
                         event_identifier, time_stamp, payload_type, payload_revision, payload, meta_data, type,
                         aggregate_identifier, sequence_number, token_type, token, enqueued_at, last_touched,
                         processing_started, cause_type, cause_message, diagnostics)
select dead_letter_id, processing_group, sequence_identifier, sequence_index, message_type,
       event_identifier, time_stamp, payload_type, payload_revision, payload, meta_data, type,
       aggregate_identifier, sequence_number, token_type, token,
       concat(replace(trim(cast(enqueued_at as char(32))), ' ', 'T'), 'Z'),
       case when last_touched is null then null
            else concat(replace(trim(cast(last_touched as char(32))), ' ', 'T'), 'Z') end,
       case when processing_started is null then null
            else concat(replace(trim(cast(processing_started as char(32))), ' ', 'T'), 'Z') end,
       cause_type, cause_message, diagnostics
from dead_letter_entry;
delete from dead_letter_entry;
