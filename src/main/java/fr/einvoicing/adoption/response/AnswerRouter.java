package fr.einvoicing.adoption.response;

import java.util.LinkedHashMap;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import fr.einvoicing.adoption.consent.EvidenceLog;
import fr.einvoicing.adoption.consent.EvidenceType;
import fr.einvoicing.adoption.customer.CampaignCustomer;
import fr.einvoicing.adoption.customer.CampaignCustomers;
import fr.einvoicing.adoption.customer.CustomerStatus;

/**
 * Takes a stored answer where it belongs: to the journey waiting for it, or, when it comes after
 * the outcome, to a person if it would change that outcome. An answer that cannot be placed yet
 * (the letter is still being sent) stays pending and is tried again by {@link PendingAnswerRelay}.
 */
@Service
public class AnswerRouter {

    private static final Logger log = LoggerFactory.getLogger(AnswerRouter.class);

    private final CustomerResponses responses;
    private final CampaignCustomers customers;
    private final JourneyGateway journeys;
    private final EvidenceLog evidence;

    public AnswerRouter(
            CustomerResponses responses, CampaignCustomers customers, JourneyGateway journeys, EvidenceLog evidence) {
        this.responses = responses;
        this.customers = customers;
        this.journeys = journeys;
        this.evidence = evidence;
    }

    @Transactional
    public CustomerAnswer.Routing route(long answerId) {
        CustomerAnswer answer = responses.get(answerId);
        if (answer.routing() != CustomerAnswer.Routing.PENDING) {
            return answer.routing();
        }
        CampaignCustomer customer = customers.get(answer.customerRef());
        if (customer.status().isBeforeAnswer()) {
            if (answer.inTime()
                    && customer.status() == CustomerStatus.AWAITING_RESPONSE
                    && journeys.deliverAnswer(customer, answer)) {
                responses.route(answerId, CustomerAnswer.Routing.DELIVERED);
                return CustomerAnswer.Routing.DELIVERED;
            }
            return CustomerAnswer.Routing.PENDING;
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("answerId", answer.id());
        details.put("answerHash", answer.answerHash());
        details.put("statusWhenReceived", customer.status().name());
        details.put("inTime", answer.inTime());
        if (LateAnswerPolicy.changesOutcome(customer.status(), answer.accepted())) {
            journeys.startLateAnswerReview(customer, answer);
            responses.route(answerId, CustomerAnswer.Routing.REVIEW_STARTED);
            evidence.append(
                    customer.id(),
                    EvidenceType.LATE_ANSWER_ROUTED,
                    "system",
                    "Answer received after the outcome (" + customer.status() + ") sent for review",
                    details);
            log.info("Answer {} would change the outcome of customer ref {}: review started", answerId, customer.id());
            return CustomerAnswer.Routing.REVIEW_STARTED;
        }
        responses.route(answerId, CustomerAnswer.Routing.NO_CHANGE);
        evidence.append(
                customer.id(),
                EvidenceType.ADDITIONAL_ANSWER_RECORDED,
                "system",
                "Answer received after the outcome (" + customer.status() + ") confirms it; recorded",
                details);
        return CustomerAnswer.Routing.NO_CHANGE;
    }
}
