package fr.einvoicing.adoption.followup.process;

import java.util.Map;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

import fr.einvoicing.adoption.followup.OutsideServices;

/**
 * What the platform connector's expressions take from the follow-up itself ({@code ${platformRequest...}}):
 * the idempotency key and the registration's body, from the business key and the variables.
 */
@Component("platformRequest")
public class PlatformRequests {

    private final OutsideServices services;

    public PlatformRequests(OutsideServices services) {
        this.services = services;
    }

    public String idempotencyKey(DelegateExecution execution) {
        return services.platformIdempotencyKey(execution.getProcessBusinessKey());
    }

    public String body(DelegateExecution execution) {
        return services.platformRegistrationBody(
                FollowUpVariables.of(execution).platformRegistration(execution.getProcessBusinessKey()));
    }

    public Map<String, String> headers(DelegateExecution execution) {
        return services.platformHeaders(execution.getProcessBusinessKey());
    }
}
