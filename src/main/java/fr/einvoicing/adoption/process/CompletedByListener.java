package fr.einvoicing.adoption.process;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * Remembers who completed a task, so that the decision it records names a person. Its bean name
 * differs from the variable it sets: in an expression a variable would hide a bean of the same name.
 */
@Component("rememberWhoCompleted")
public class CompletedByListener implements TaskListener {

    private final IdentityService identity;

    public CompletedByListener(IdentityService identity) {
        this.identity = identity;
    }

    @Override
    public void notify(DelegateTask task) {
        var authentication = identity.getCurrentAuthentication();
        String user = authentication != null && authentication.getUserId() != null
                ? authentication.getUserId()
                : task.getAssignee();
        task.setVariable(AdoptionVariables.COMPLETED_BY, user == null ? "unknown" : user);
    }
}
