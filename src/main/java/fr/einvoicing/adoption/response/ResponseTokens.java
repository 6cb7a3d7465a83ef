package fr.einvoicing.adoption.response;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Component;

import fr.einvoicing.adoption.CampaignProperties;
import fr.einvoicing.adoption.consent.EvidenceLog;

/**
 * Personal links. A token is 256 random bits; only its SHA-256 is stored, so neither the database
 * nor a log can give a working link back. Never put a raw token in a process variable or a log line.
 */
@Component
public class ResponseTokens {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;
    private final Clock clock;
    private final CampaignProperties properties;

    public ResponseTokens(JdbcClient jdbc, Clock clock, CampaignProperties properties) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.properties = properties;
    }

    /** A token just issued: the raw value exists only here, on its way into a letter. */
    public record IssuedToken(long id, String raw) {}

    /** A token that opens a page: valid, not expired, not used. */
    public record ValidToken(long id, long customerRef, TokenPurpose purpose, OffsetDateTime expiresAt) {}

    public IssuedToken issue(long customerRef, TokenPurpose purpose, OffsetDateTime expiresAt) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String raw = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        var keys = new GeneratedKeyHolder();
        jdbc.sql("insert into response_token (campaign_customer_id, token_hash, purpose, created_at, expires_at)"
                        + " values (?,?,?,?,?)")
                .param(customerRef)
                .param(hash(raw))
                .param(purpose.name())
                .param(now())
                .param(expiresAt.withOffsetSameInstant(ZoneOffset.UTC))
                .update(keys, "id");
        return new IssuedToken(keys.getKey().longValue(), raw);
    }

    /** The token behind a raw value, if it still opens the page. Unknown, expired and used look alike. */
    public Optional<ValidToken> resolve(String raw, TokenPurpose purpose) {
        if (raw == null || raw.length() < 20 || raw.length() > 100 || !raw.matches("[A-Za-z0-9_-]+")) {
            return Optional.empty();
        }
        return jdbc.sql("select id, campaign_customer_id, purpose, expires_at from response_token"
                        + " where token_hash = ? and purpose = ? and used_at is null and revoked_at is null"
                        + " and expires_at > ?")
                .param(hash(raw))
                .param(purpose.name())
                .param(now())
                .query((rs, i) -> new ValidToken(
                        rs.getLong(1),
                        rs.getLong(2),
                        TokenPurpose.valueOf(rs.getString(3)),
                        rs.getObject(4, OffsetDateTime.class)))
                .optional();
    }

    /**
     * Marks the token used, once: of two submissions racing on the same token, only one wins.
     *
     * @return false when the token was already used, revoked or expired
     */
    public boolean markUsed(long tokenId) {
        return jdbc.sql("update response_token set used_at = ? where id = ? and used_at is null and revoked_at is null")
                        .param(now())
                        .param(tokenId)
                        .update()
                == 1;
    }

    public void revoke(long tokenId) {
        jdbc.sql("update response_token set revoked_at = ? where id = ? and revoked_at is null")
                .param(now())
                .param(tokenId)
                .update();
    }

    public String link(String raw) {
        return properties.publicBaseUrlWithoutSlash() + "/respond/" + raw;
    }

    public String followUpLink(String raw) {
        return properties.publicBaseUrlWithoutSlash() + "/follow-up/" + raw;
    }

    static String hash(String raw) {
        return EvidenceLog.sha256(raw);
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    }
}
