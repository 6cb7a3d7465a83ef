package fr.einvoicing.adoption.followup;

import java.time.OffsetDateTime;

/** What the follow-up page tells a customer's waiting follow-ups (the engine's side is process glue). */
public interface FollowUpJourneys {

    /** The customer validated the terms on its page. */
    void termsValidated(String businessKey);

    /** The customer chose a webinar session, or declined ({@code attends} false, the last session given for the timers). */
    void webinarChosen(String businessKey, boolean attends, OffsetDateTime sessionAt);
}
