package fr.einvoicing.adoption.process;

import java.util.Map;

import org.camunda.bpm.engine.RuntimeService;
import org.springframework.stereotype.Component;

import fr.einvoicing.adoption.campaign.Campaigns;
import fr.einvoicing.adoption.customer.CampaignCustomer;
import fr.einvoicing.adoption.response.CustomerAnswer;
import fr.einvoicing.adoption.response.JourneyGateway;

/** Delivers answers to waiting journeys, and starts reviews of late answers. */
@Component
public class CamundaJourneyGateway implements JourneyGateway {

    private final RuntimeService runtime;
    private final Campaigns campaigns;

    private final OperatorTexts texts;

    public CamundaJourneyGateway(RuntimeService runtime, Campaigns campaigns, OperatorTexts texts) {
        this.runtime = runtime;
        this.campaigns = campaigns;
        this.texts = texts;
    }

    @Override
    public boolean deliverAnswer(CampaignCustomer customer, CustomerAnswer answer) {
        return JourneyMessages.deliver(
                runtime,
                customer,
                CustomerAdoptionProcess.MESSAGE_RESPONSE_RECEIVED,
                AnswerVariables.of(answer, texts));
    }

    @Override
    public void startLateAnswerReview(CampaignCustomer customer, CustomerAnswer answer) {
        var campaign = campaigns.get(customer.campaignId());
        Map<String, Object> vars = CamundaCustomerJourneys.customerVariables(campaign, customer);
        vars.putAll(AnswerVariables.of(answer, texts));
        vars.put(AdoptionVariables.PREVIOUS_OUTCOME, texts.outcome(customer.status()));
        runtime.startProcessInstanceByKey(CustomerAdoptionProcess.LATE_ANSWER_REVIEW_KEY, customer.businessKey(), vars);
    }
}
