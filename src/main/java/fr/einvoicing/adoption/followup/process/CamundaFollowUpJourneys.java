package fr.einvoicing.adoption.followup.process;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;

import org.camunda.bpm.engine.RuntimeService;
import org.springframework.stereotype.Component;

import fr.einvoicing.adoption.followup.FollowUpJourneys;

/** The follow-up page's news for the waiting follow-ups, as message correlations by business key. */
@Component
class CamundaFollowUpJourneys implements FollowUpJourneys {

    /** The session reminder goes out a day before; the recording once the two-hour session is over. */
    static final Duration REMINDER_BEFORE = Duration.ofDays(1);

    static final Duration SESSION_LENGTH = Duration.ofHours(2);

    private final RuntimeService runtime;

    CamundaFollowUpJourneys(RuntimeService runtime) {
        this.runtime = runtime;
    }

    @Override
    public void termsValidated(String businessKey) {
        runtime.createMessageCorrelation(FollowUpVariables.MESSAGE_TERMS_VALIDATED)
                .processInstanceBusinessKey(businessKey)
                .correlateAll();
    }

    @Override
    public void webinarChosen(String businessKey, boolean attends, OffsetDateTime sessionAt) {
        Map<String, Object> vars = new LinkedHashMap<>();
        vars.put(FollowUpVariables.WEBINAR_ATTENDS, attends);
        vars.put(
                FollowUpVariables.SESSION_REMINDER_AT,
                Date.from(sessionAt.minus(REMINDER_BEFORE).toInstant()));
        vars.put(
                FollowUpVariables.SESSION_ENDS_AT,
                Date.from(sessionAt.plus(SESSION_LENGTH).toInstant()));
        runtime.createMessageCorrelation(FollowUpVariables.MESSAGE_WEBINAR_CHOSEN)
                .processInstanceBusinessKey(businessKey)
                .setVariables(vars)
                .correlateAll();
    }
}
