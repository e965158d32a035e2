package io.sagashop.notification.contact;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Table {@code contact}: one row per user, written only by {@link ContactProjection}. */
@Repository
class ContactTable {

    private final JdbcTemplate jdbc;

    ContactTable(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    void upsert(Contact contact, Instant at) {
        int updated = jdbc.update("""
                UPDATE contact SET email = ?, name = ?, phone = ?, email_wanted = ?, sms_wanted = ?, updated_at = ?
                 WHERE user_id = ?""", contact.email(), contact.name(), contact.phone(), contact.emailWanted(),
                contact.smsWanted(), Timestamp.from(at), contact.userId());
        if (updated == 0) {
            jdbc.update("""
                    INSERT INTO contact (user_id, email, name, phone, email_wanted, sms_wanted, updated_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?)""", contact.userId(), contact.email(), contact.name(),
                    contact.phone(), contact.emailWanted(), contact.smsWanted(), Timestamp.from(at));
        }
    }

    Optional<Contact> find(String userId) {
        return jdbc.query("SELECT * FROM contact WHERE user_id = ?", (rs, n) -> new Contact(rs.getString("user_id"),
                rs.getString("email"), rs.getString("name"), rs.getString("phone"), rs.getBoolean("email_wanted"),
                rs.getBoolean("sms_wanted")), userId).stream().findFirst();
    }

    void deleteAll() {
        jdbc.update("DELETE FROM contact");
    }
}
