package fr.einvoicing.adoption.process;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParse;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.el.ExpressionManager;
import org.camunda.bpm.engine.impl.form.FormDefinition;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.task.TaskDefinition;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

import fr.einvoicing.adoption.CampaignProperties;

/**
 * Gives Tasklist's tasks the operators' language. The models are written in English, the language the
 * modellers share; each user task carries its French name and description as extension properties
 * ({@code name.fr}, {@code documentation.fr}, in the Properties panel of Camunda Modeler), and each form
 * has a French twin in {@code forms/fr/} whose id ends in {@code -fr}. With
 * {@code campaign.operator-language: fr} (the default: the product's operators work in French companies),
 * the tasks are created under their French name and description and open the French form, and the
 * processes are deployed under their French name (extension property {@code name.fr} of the process); with
 * {@code en}, the model is used as written.
 *
 * <p>A task's name is stored when the task is created and shown to everyone, so this is a setting of the
 * deployment, the same on every node, not of each user (Tasklist's own labels follow each browser).
 * {@code ModelsInOperatorLanguageTest} fails when a task lacks its French text or a French form differs
 * from its English one in anything but its words.
 */
@Component
public class TasksInOperatorLanguage extends AbstractProcessEnginePlugin {

    private static final String ENGLISH = "en";

    private final String language;

    public TasksInOperatorLanguage(CampaignProperties properties) {
        this.language = properties.operatorLanguage();
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        if (ENGLISH.equals(language)) {
            return;
        }
        if (configuration.getCustomPostBPMNParseListeners() == null) {
            configuration.setCustomPostBPMNParseListeners(new java.util.ArrayList<>());
        }
        configuration.getCustomPostBPMNParseListeners().add(new Translator(configuration));
    }

    /** The id of a form's twin in the operators' language, as deployed from {@code forms/<language>/}. */
    private static String formIdIn(String language, String formId) {
        return formId + "-" + language;
    }

    private final class Translator extends AbstractBpmnParseListener {

        private final ProcessEngineConfigurationImpl configuration;
        private final Map<String, Boolean> twinExists = new ConcurrentHashMap<>();

        Translator(ProcessEngineConfigurationImpl configuration) {
            this.configuration = configuration;
        }

        /** The process's name, as Tasklist shows it under each task and Cockpit in its lists. */
        @Override
        public void parseProcess(Element process, ProcessDefinitionEntity definition) {
            String name = properties(process).get("name." + language);
            if (name != null && !name.isBlank()) {
                definition.setName(name);
            }
        }

        @Override
        public void parseUserTask(Element userTask, ScopeImpl scope, ActivityImpl activity) {
            if (!(activity.getActivityBehavior() instanceof UserTaskActivityBehavior behavior)) {
                return;
            }
            TaskDefinition task = behavior.getTaskDefinition();
            Map<String, String> properties = properties(userTask);
            ExpressionManager expressions = configuration.getExpressionManager();
            String name = properties.get("name." + language);
            if (name != null && !name.isBlank()) {
                task.setNameExpression(expressions.createExpression(name));
            }
            String documentation = properties.get("documentation." + language);
            if (documentation != null && !documentation.isBlank()) {
                task.setDescriptionExpression(expressions.createExpression(documentation));
            }
            FormDefinition form = task.getFormDefinition();
            if (form != null
                    && form.getCamundaFormDefinitionKey() != null
                    && form.getCamundaFormDefinitionKey().isLiteralText()) {
                String formId = form.getCamundaFormDefinitionKey().getExpressionText();
                if (hasTwin(formId)) {
                    form.setCamundaFormDefinitionKey(expressions.createExpression(formIdIn(language, formId)));
                }
            }
        }

        /** The French form sits beside the English one on the class path, which the deployment reads. */
        private boolean hasTwin(String formId) {
            return twinExists.computeIfAbsent(
                    formId, id -> new ClassPathResource("forms/" + language + "/" + id + ".form").exists());
        }

        private Map<String, String> properties(Element element) {
            Map<String, String> found = new HashMap<>();
            Element extensions = element.element("extensionElements");
            if (extensions == null) {
                return found;
            }
            Element properties = extensions.elementNS(BpmnParse.CAMUNDA_BPMN_EXTENSIONS_NS, "properties");
            if (properties == null) {
                return found;
            }
            for (Element property : properties.elementsNS(BpmnParse.CAMUNDA_BPMN_EXTENSIONS_NS, "property")) {
                found.put(property.attribute("name"), property.attribute("value"));
            }
            return found;
        }
    }
}
