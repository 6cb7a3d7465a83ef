package fr.einvoicing.adoption.process;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/** Remembers who completed a task, so that the decision it records names a person. */
@Component("completedBy")
public class CompletedByListener implements TaskListener {

    private final IdentityService identity;

    public CompletedByListener(IdentityService identity) {
        this.identity = identity;
    }

    @Override
    public void notify(DelegateTask task) {
        var authentication = identity.getCurrentAuthentication();
        String user = authentication != null && authentication.getUserId() != null
                ? authentication.getUserId() : task.getAssignee();
        task.setVariable(AdoptionVariables.COMPLETED_BY, user == null ? "unknown" : user);
    }
}
