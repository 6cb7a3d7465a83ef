package fr.einvoicing.adoption.process;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * Adds the customer's company (or, for a campaign's own tasks, the campaign code) to the task's title
 * ("Handle refusal · Boulangerie Martin", "Approve campaign · EINV-2026"), so that Tasklist's list says
 * what each task is about. The model keeps the plain activity name.
 */
@Component("customerInTaskTitle")
public class CustomerInTaskTitle implements TaskListener {

    @Override
    public void notify(DelegateTask task) {
        Object about = task.getVariable(AdoptionVariables.COMPANY_NAME);
        if (about == null) {
            about = task.getVariable(AdoptionVariables.CAMPAIGN_CODE);
        }
        if (about != null && !about.toString().isBlank() && task.getName() != null) {
            task.setName(task.getName() + " · " + about);
        }
    }
}
