package fr.einvoicing.adoption.process;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * Adds the customer's company to the task's title ("Handle refusal · Boulangerie Martin"), so that
 * Tasklist's list says who each task is about. The model keeps the plain activity name.
 */
@Component("customerInTaskTitle")
public class CustomerInTaskTitle implements TaskListener {

    @Override
    public void notify(DelegateTask task) {
        Object company = task.getVariable(AdoptionVariables.COMPANY_NAME);
        if (company != null && !company.toString().isBlank() && task.getName() != null) {
            task.setName(task.getName() + " · " + company);
        }
    }
}
