package fr.einvoicing.adoption.process;

import java.time.Clock;
import java.time.Duration;
import java.time.Period;
import java.util.Date;

import org.springframework.stereotype.Component;

/** Date arithmetic for model expressions, e.g. a task's due date {@code ${processDates.after(handlingPeriod)}}. */
@Component("processDates")
public class ProcessDates {

    private final Clock clock;

    public ProcessDates(Clock clock) {
        this.clock = clock;
    }

    /** Today's date where the engine runs, as ISO text (2026-11-30): what decision tables compare with date("..."). */
    public String today() {
        return java.time.LocalDate.now(clock).toString();
    }

    /** Now plus an ISO-8601 period or duration ("P3D", "PT4H"). */
    public Date after(String isoPeriod) {
        var now = clock.instant();
        if (isoPeriod.contains("T")) {
            return Date.from(now.plus(Duration.parse(isoPeriod)));
        }
        return Date.from(
                now.atZone(clock.getZone()).plus(Period.parse(isoPeriod)).toInstant());
    }
}
