-- The user service's own tables. Axon's come from the platform (classpath:db/axon, versions 0.x).

-- Command side: credentials and the set of taken e-mail addresses (set-based validation),
-- written by the User aggregate's handlers in the command's transaction.
CREATE TABLE user_credentials (
    user_id       VARCHAR(36)  NOT NULL,
    email         VARCHAR(254) NOT NULL,
    password_hash VARCHAR(100) NOT NULL,
    role          VARCHAR(20)  NOT NULL,
    active        BOOLEAN      NOT NULL,
    PRIMARY KEY (user_id),
    CONSTRAINT user_credentials_email UNIQUE (email)
);

-- The RSA keys that sign tokens; generated on first start.
CREATE TABLE signing_key (
    key_id      VARCHAR(64)  NOT NULL,
    private_key TEXT         NOT NULL,
    public_key  TEXT         NOT NULL,
    created_at  TIMESTAMP(6) NOT NULL,
    PRIMARY KEY (key_id)
);

-- Query side: profiles built from the User events.
CREATE TABLE user_profile (
    user_id       VARCHAR(36)  NOT NULL,
    email         VARCHAR(254) NOT NULL,
    name          VARCHAR(100) NOT NULL,
    phone         VARCHAR(32),
    email_enabled BOOLEAN      NOT NULL,
    sms_enabled   BOOLEAN      NOT NULL,
    role          VARCHAR(20)  NOT NULL,
    active        BOOLEAN      NOT NULL,
    PRIMARY KEY (user_id)
);

CREATE TABLE user_favourite_category (
    user_id    VARCHAR(36) NOT NULL,
    sort_order INT         NOT NULL,
    category   VARCHAR(60) NOT NULL,
    PRIMARY KEY (user_id, sort_order),
    CONSTRAINT user_favourite_category_profile FOREIGN KEY (user_id) REFERENCES user_profile (user_id) ON DELETE CASCADE
);
