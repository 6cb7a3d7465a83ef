package fr.einvoicing.adoption.web;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.servlet.LocaleResolver;

/**
 * The language of the staff pages: the one the person chose in the top bar (kept per user, whatever
 * the browser), else French for a browser that prefers French, else English. Customer pages do not
 * use it: they speak the customer's language from the customer file.
 */
@Component("localeResolver")
public class StaffLanguage implements LocaleResolver {

    public static final Set<String> LANGUAGES = Set.of("fr", "en");
    private static final String CHOSEN = StaffLanguage.class.getName() + ".chosen";

    private final JdbcClient jdbc;
    private final Clock clock;

    public StaffLanguage(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    public Locale resolveLocale(HttpServletRequest request) {
        Object cached = request.getAttribute(CHOSEN);
        if (cached instanceof Locale locale) {
            return locale;
        }
        Locale locale = currentUser()
                .flatMap(this::chosenBy)
                .map(Locale::forLanguageTag)
                .orElseGet(() -> fromBrowser(request));
        request.setAttribute(CHOSEN, locale);
        return locale;
    }

    @Override
    public void setLocale(HttpServletRequest request, HttpServletResponse response, Locale locale) {
        String language = locale == null ? "en" : locale.getLanguage();
        currentUser().ifPresent(user -> choose(user, language));
        request.setAttribute(CHOSEN, Locale.forLanguageTag(language));
    }

    /** Remembers a staff member's choice. */
    @Transactional
    public void choose(String user, String language) {
        if (!LANGUAGES.contains(language)) {
            throw new IllegalArgumentException("Unknown language " + language);
        }
        int updated = jdbc.sql("update staff_preference set language = ?, updated_at = ? where user_id = ?")
                .param(language)
                .param(OffsetDateTime.now(clock))
                .param(user)
                .update();
        if (updated == 0) {
            jdbc.sql("insert into staff_preference (user_id, language, updated_at) values (?, ?, ?)")
                    .param(user)
                    .param(language)
                    .param(OffsetDateTime.now(clock))
                    .update();
        }
    }

    public Optional<String> chosenBy(String user) {
        return jdbc.sql("select language from staff_preference where user_id = ?")
                .param(user)
                .query(String.class)
                .optional();
    }

    /** French when the browser puts French first among the languages we speak, English otherwise. */
    static Locale fromBrowser(HttpServletRequest request) {
        var preferred = request.getHeaders("Accept-Language");
        if (preferred != null && preferred.hasMoreElements()) {
            for (Locale.LanguageRange range : parse(request.getHeader("Accept-Language"))) {
                String language = range.getRange().split("-")[0].toLowerCase(Locale.ROOT);
                if (LANGUAGES.contains(language)) {
                    return Locale.forLanguageTag(language);
                }
            }
        }
        return Locale.ENGLISH;
    }

    private static java.util.List<Locale.LanguageRange> parse(String header) {
        try {
            return Locale.LanguageRange.parse(header);
        } catch (IllegalArgumentException e) {
            return java.util.List.of();
        }
    }

    private static Optional<String> currentUser() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null
                || !authentication.isAuthenticated()
                || authentication instanceof AnonymousAuthenticationToken) {
            return Optional.empty();
        }
        return Optional.ofNullable(authentication.getName());
    }
}
