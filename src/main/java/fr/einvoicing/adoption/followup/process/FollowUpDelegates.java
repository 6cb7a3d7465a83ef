package fr.einvoicing.adoption.followup.process;

import java.util.Objects;

import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.fasterxml.jackson.databind.ObjectMapper;

import fr.einvoicing.adoption.followup.CompanyCheckService;
import fr.einvoicing.adoption.followup.FollowUpVariables;
import fr.einvoicing.adoption.followup.RegistryComparison;
import fr.einvoicing.adoption.process.OperatorTexts;

/** The service tasks of {@code bpmn/customer-follow-ups.bpmn}: variables in, a business service called, variables out. */
@Configuration(proxyBeanMethods = false)
public class FollowUpDelegates {

    /** <em>Compare with registry</em>: the connector's answer is read once, compared, kept, then dropped. */
    @Bean
    public JavaDelegate compareWithRegistry(CompanyCheckService checks, ObjectMapper json, OperatorTexts texts) {
        return execution -> {
            Object answer = execution.getVariable(FollowUpVariables.REGISTRY_ANSWER);
            execution.removeVariable(FollowUpVariables.REGISTRY_ANSWER);
            var company = new RegistryComparison.CompanyToCheck(
                    ((Number) execution.getVariable(FollowUpVariables.CUSTOMER_REF)).longValue(),
                    (String) execution.getVariable(FollowUpVariables.REGISTRY_QUERY),
                    (String) execution.getVariable(FollowUpVariables.COMPANY_NAME),
                    !Objects.equals(execution.getVariable(FollowUpVariables.SIRET), execution.getVariable(FollowUpVariables.FILE_SIRET))
                            || !Objects.equals(execution.getVariable(FollowUpVariables.SIREN), execution.getVariable(FollowUpVariables.FILE_SIREN)),
                    !Objects.equals(execution.getVariable(FollowUpVariables.INVOICING_CONTACT_NAME),
                            execution.getVariable(FollowUpVariables.FILE_CONTACT)));
            var comparison = RegistryComparison.compare(company, json.readTree(answer == null ? "{}" : answer.toString()));
            execution.setVariable(FollowUpVariables.COMPANY_CHECK_ID, checks.record(comparison));
            execution.setVariable(FollowUpVariables.COMPANY_CHECK_OUTCOME, comparison.outcome());
            execution.setVariable(FollowUpVariables.COMPANY_CHECK_SUMMARY, checks.summary(comparison, texts.locale()));
        };
    }
}
