package fr.einvoicing.adoption.process;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.impl.RepositoryServiceImpl;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.task.TaskDefinition;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import fr.einvoicing.adoption.campaign.process.CampaignProcess;
import fr.einvoicing.adoption.support.EngineTestSupport;

import static org.assertj.core.api.Assertions.assertThat;

/** With the default operator language (fr), Tasklist shows French task names, descriptions, forms and filters. */
class TasksInOperatorLanguageTest extends EngineTestSupport {

    @Autowired
    RepositoryService repositoryService;

    @Autowired
    FormService formService;

    @Autowired
    FilterService filterService;

    @Test
    void the_approval_task_is_named_described_and_filled_in_french() throws Exception {
        TestCampaign settings = campaign();
        awaitingApproval(settings);

        Task approve = taskService
                .createTaskQuery()
                .processInstanceBusinessKey(settings.code())
                .taskDefinitionKey(CampaignProcess.TASK_APPROVE)
                .singleResult();
        assertThat(approve.getName()).isEqualTo("Approuver la campagne · " + settings.code());
        assertThat(approve.getDescription())
                .startsWith("Quatre yeux : un responsable de campagne autre que son auteur");
        assertThat(formService
                        .getTaskFormData(approve.getId())
                        .getCamundaFormRef()
                        .getKey())
                .isEqualTo("approve-campaign-fr");
        try (InputStream form = formService.getDeployedTaskForm(approve.getId())) {
            String json = new String(form.readAllBytes(), StandardCharsets.UTF_8);
            assertThat(json)
                    .contains("Approuver : envoyer les courriers", "Renvoyer pour révision")
                    .doesNotContain("Send back for revision");
        }
    }

    @Test
    void every_user_task_of_every_model_opens_its_french_form() {
        Map<String, String> formOfTask = new TreeMap<>();
        for (ProcessDefinition definition :
                repositoryService.createProcessDefinitionQuery().latestVersion().list()) {
            ProcessDefinitionEntity parsed = (ProcessDefinitionEntity)
                    ((RepositoryServiceImpl) repositoryService).getDeployedProcessDefinition(definition.getId());
            for (TaskDefinition task : parsed.getTaskDefinitions().values()) {
                String formId = task.getCamundaFormDefinitionKey().getExpressionText();
                formOfTask.put(definition.getKey() + "/" + task.getKey(), formId);
                assertThat(repositoryService.getDeploymentResourceNames(definition.getDeploymentId()))
                        .as("the French form %s is deployed with %s", formId, definition.getKey())
                        .anyMatch(resource -> resource.endsWith("fr/" + formId.replaceFirst("-fr$", "") + ".form"));
            }
        }
        assertThat(repositoryService
                        .createProcessDefinitionQuery()
                        .latestVersion()
                        .list())
                .extracting(ProcessDefinition::getName)
                .as("the processes as Tasklist and Cockpit name them")
                .contains(
                        "Campagne de passage à la facture électronique",
                        "Parcours client",
                        "Suivis après acceptation",
                        "Examen d’une réponse tardive");
        assertThat(formOfTask)
                .hasSize(11)
                .allSatisfy((task, form) -> assertThat(form).as(task).endsWith("-fr"));
    }

    @Test
    void the_shared_tasklist_filters_are_named_in_french() {
        assertThat(filterService.createFilterQuery().list())
                .extracting(Filter::getName)
                .contains("Tâches de mon groupe", "Mes tâches", "En retard")
                .doesNotContain("My group's tasks", "Assigned to me", "Overdue");
        assertThat(List.of("Tâches de mon groupe", "Mes tâches", "En retard")).allSatisfy(name -> assertThat(
                        filterService.createFilterQuery().filterName(name).count())
                .isEqualTo(1));
    }
}
