package fr.einvoicing.adoption.web;

import java.time.Duration;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/** A duration as people say it, in the page's language: "7 days", "7 jours", "90 minutes". */
@Component("durations")
public class Durations {

    private final MessageSource messages;

    public Durations(MessageSource messages) {
        this.messages = messages;
    }

    public String words(Duration duration) {
        if (duration == null) {
            return "";
        }
        long minutes = duration.toMinutes();
        String key;
        long amount;
        if (minutes % (24 * 60) == 0) {
            key = "duration.days";
            amount = minutes / (24 * 60);
        } else if (minutes % 60 == 0) {
            key = "duration.hours";
            amount = minutes / 60;
        } else {
            key = "duration.minutes";
            amount = minutes;
        }
        return messages.getMessage(key, new Object[] {amount}, LocaleContextHolder.getLocale());
    }
}
