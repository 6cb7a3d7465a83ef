package fr.einvoicing.adoption.process;

import java.util.HashMap;
import java.util.Map;

import org.camunda.bpm.engine.delegate.VariableScope;

import fr.einvoicing.adoption.response.CustomerAnswer;

/** The few facts of an answer the journey needs to route it and to show it in Tasklist. */
final class AnswerVariables {

    private AnswerVariables() {}

    static Map<String, Object> of(CustomerAnswer answer, OperatorTexts texts) {
        Map<String, Object> vars = new HashMap<>();
        vars.put(AdoptionVariables.ANSWER_ID, answer.id());
        vars.put(AdoptionVariables.CUSTOMER_ACCEPTED, answer.accepted());
        vars.put(AdoptionVariables.REFUSAL_REASON, answer.refusalReason());
        vars.put(AdoptionVariables.REFUSAL_COMMENT, answer.refusalComment());
        vars.put(AdoptionVariables.REFUSAL_REASON_TEXT, texts.choice(answer.refusalReason()));
        vars.put(AdoptionVariables.ANSWER_SUMMARY, texts.answerSummary(answer));
        return vars;
    }

    static void put(VariableScope scope, CustomerAnswer answer, OperatorTexts texts) {
        scope.setVariables(of(answer, texts));
    }
}
