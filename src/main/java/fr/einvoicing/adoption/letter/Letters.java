package fr.einvoicing.adoption.letter;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** Letters and reminders as they were rendered. */
@Repository
public class Letters {

    private final JdbcClient jdbc;

    public Letters(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Letter insert(Letter letter) {
        var keys = new GeneratedKeyHolder();
        jdbc.sql("insert into letter (campaign_customer_id, kind, parent_letter_id, language, template_version,"
                        + " recipient, subject, html, plain_text, content_hash, response_deadline, rendered_at)"
                        + " values (?,?,?,?,?,?,?,?,?,?,?,?)")
                .param(letter.customerRef())
                .param(letter.kind().name())
                .param(letter.parentLetterId())
                .param(letter.language())
                .param(letter.templateVersion())
                .param(letter.recipient())
                .param(letter.subject())
                .param(letter.html())
                .param(letter.plainText())
                .param(letter.contentHash())
                .param(letter.responseDeadline().withOffsetSameInstant(ZoneOffset.UTC))
                .param(letter.renderedAt().withOffsetSameInstant(ZoneOffset.UTC))
                .update(keys, "id");
        return get(keys.getKey().longValue());
    }

    public Letter get(long id) {
        return jdbc.sql("select * from letter where id = ?")
                .param(id)
                .query(this::map)
                .single();
    }

    public Optional<Letter> reminderOf(long parentLetterId) {
        return jdbc.sql("select * from letter where parent_letter_id = ? and kind = 'REMINDER'"
                        + " order by id fetch first 1 rows only")
                .param(parentLetterId)
                .query(this::map)
                .optional();
    }

    public Optional<Letter> latestLetter(long customerRef) {
        return jdbc.sql("select * from letter where campaign_customer_id = ? and kind = 'LETTER'"
                        + " order by id desc fetch first 1 rows only")
                .param(customerRef)
                .query(this::map)
                .optional();
    }

    public List<Letter> ofCustomer(long customerRef) {
        return jdbc.sql("select * from letter where campaign_customer_id = ? order by id")
                .param(customerRef)
                .query(this::map)
                .list();
    }

    private Letter map(ResultSet rs, int row) throws SQLException {
        Long parent = rs.getObject("parent_letter_id", Long.class);
        return new Letter(
                rs.getLong("id"),
                rs.getLong("campaign_customer_id"),
                LetterKind.valueOf(rs.getString("kind")),
                parent,
                rs.getString("language"),
                rs.getString("template_version"),
                rs.getString("recipient"),
                rs.getString("subject"),
                rs.getString("html"),
                rs.getString("plain_text"),
                rs.getString("content_hash"),
                rs.getObject("response_deadline", OffsetDateTime.class),
                rs.getObject("rendered_at", OffsetDateTime.class));
    }
}
