package fr.einvoicing.adoption.response;

import java.util.Locale;

import org.springframework.context.MessageSource;

/** The response page's words in the customer's language, whatever the browser says. */
public final class PageTexts {

    private final MessageSource messages;
    private final Locale locale;

    public PageTexts(MessageSource messages, Locale locale) {
        this.messages = messages;
        this.locale = locale;
    }

    public String get(String code) {
        return messages.getMessage(code, null, code, locale);
    }

    public String get(String code, Object... args) {
        return messages.getMessage(code, args, code, locale);
    }

    public String getLanguage() {
        return locale.getLanguage();
    }
}
