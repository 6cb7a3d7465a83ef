package fr.einvoicing.adoption.consent;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import fr.einvoicing.adoption.CampaignProperties;
import fr.einvoicing.adoption.campaign.Campaign;
import fr.einvoicing.adoption.campaign.Campaigns;
import fr.einvoicing.adoption.customer.CampaignCustomer;
import fr.einvoicing.adoption.customer.CampaignCustomers;
import fr.einvoicing.adoption.customer.ConsentMode;
import fr.einvoicing.adoption.customer.CustomerFileReader;
import fr.einvoicing.adoption.customer.CustomerStatus;

/**
 * Every decision on a customer's consent, each recorded with who or what took it. This is where
 * tacit acceptance is decided: only when the letter was delivered and the campaign said that
 * silence by the deadline counts as acceptance.
 */
@Service
@Transactional
public class ConsentService {

    public static final String SYSTEM_DEADLINE = "system:deadline";

    private final CampaignCustomers customers;
    private final Campaigns campaigns;
    private final EvidenceLog evidence;
    private final CampaignProperties properties;
    private final Clock clock;

    public ConsentService(
            CampaignCustomers customers,
            Campaigns campaigns,
            EvidenceLog evidence,
            CampaignProperties properties,
            Clock clock) {
        this.customers = customers;
        this.campaigns = campaigns;
        this.evidence = evidence;
        this.properties = properties;
        this.clock = clock;
    }

    public void recordExplicitAcceptance(long customerRef, long answerId, String answerHash) {
        customers.settle(customerRef, CustomerStatus.ACCEPTED_EXPLICITLY, "customer");
        evidence.append(
                customerRef,
                EvidenceType.CONSENT_EXPLICIT,
                "customer:response-page",
                "E-invoicing accepted explicitly on the response page",
                Details.of("answerId", answerId, "answerHash", answerHash, "channel", "web"));
    }

    public void recordRefusal(long customerRef, long answerId, String reason) {
        customers.updateStatus(customerRef, CustomerStatus.REFUSAL_IN_REVIEW);
        evidence.append(
                customerRef,
                EvidenceType.REFUSAL_RECEIVED,
                "customer:response-page",
                "Refusal received" + (reason == null ? "" : " (reason: " + reason + ")")
                        + "; handed to an account manager",
                Details.of("answerId", answerId, "reason", reason));
    }

    public void recordRefusalEscalated(long customerRef, String group) {
        evidence.append(
                customerRef,
                EvidenceType.REFUSAL_ESCALATED,
                "system:escalation",
                "Refusal left unhandled past its due date; escalated to " + group,
                Details.of("group", group));
    }

    public void recordConsentByPhone(long customerRef, String user, String note) {
        customers.settle(customerRef, CustomerStatus.ACCEPTED_EXPLICITLY, "user:" + user);
        evidence.append(
                customerRef,
                EvidenceType.CONSENT_BY_PHONE,
                "user:" + user,
                "E-invoicing accepted by the customer on the phone with " + user,
                Details.of("channel", "phone", "recordedBy", user, "note", note));
    }

    public void recordRefusalMaintained(long customerRef, String user, String note) {
        customers.settle(customerRef, CustomerStatus.REFUSED, "user:" + user);
        evidence.append(
                customerRef,
                EvidenceType.REFUSAL_MAINTAINED,
                "user:" + user,
                "Refusal maintained: paper invoices continue, with no penalty",
                Details.of("recordedBy", user, "note", note));
    }

    /** Whether silence counts for this customer at the deadline, and why, in words for the evidence and the task. */
    public record DeadlineOutcome(boolean tacitAcceptanceApplies, String why, Why reason, Object... values) {

        /** Why silence counts or not, as a code the operators' texts word ({@code deadline.why.<CODE>}). */
        public enum Why {
            NOT_DELIVERED,
            SILENCE_DOES_NOT_COUNT,
            SENT_TOO_LATE,
            APPLIES
        }
    }

    /**
     * Records that the deadline passed without an answer, and whether silence counts as acceptance:
     * only when the letter was delivered, the campaign said silence counts, and the letter left early
     * enough to leave the customer the minimum time to answer ({@code campaign.response.minimum-answer-time}).
     * A letter sent late (relay outage, waves still running at the deadline) goes to a person.
     */
    public DeadlineOutcome recordDeadlineReached(long customerRef) {
        CampaignCustomer customer = customers.get(customerRef);
        Campaign campaign = campaigns.get(customer.campaignId());
        java.time.Duration minimum = properties.response().minimumAnswerTime();
        var sentAt = customer.letterDelivered()
                ? customers.letterSentAt(customerRef)
                : java.util.Optional.<java.time.OffsetDateTime>empty();
        boolean sentInTime = sentAt.isEmpty()
                || customer.responseDeadline() == null
                || !sentAt.get().plus(minimum).isAfter(customer.responseDeadline());
        boolean applies = customer.letterDelivered() && campaign.settings().silenceMeansAcceptance() && sentInTime;
        String why = !customer.letterDelivered()
                ? "the letter's delivery is not proven"
                : !campaign.settings().silenceMeansAcceptance()
                        ? "the campaign does not treat silence as acceptance"
                        : !sentInTime
                                ? "the letter left on " + sentAt.get() + ", less than " + minimum.toDays()
                                        + " day(s) and " + minimum.toHoursPart()
                                        + " hour(s) before the deadline: too little time to answer"
                                : "the letter was delivered and stated that silence by the deadline counts as acceptance";
        evidence.append(
                customerRef,
                EvidenceType.DEADLINE_REACHED,
                SYSTEM_DEADLINE,
                "Deadline reached without an answer; tacit acceptance " + (applies ? "applies" : "does not apply")
                        + ": " + why,
                Details.of(
                        "responseDeadline",
                        String.valueOf(customer.responseDeadline()),
                        "letterDelivered",
                        customer.letterDelivered(),
                        "letterSentAt",
                        sentAt.map(String::valueOf).orElse(null),
                        "minimumAnswerTime",
                        minimum.toString(),
                        "silenceMeansAcceptance",
                        campaign.settings().silenceMeansAcceptance(),
                        "tacitAcceptanceApplies",
                        applies));
        if (!applies) {
            customers.updateStatus(customerRef, CustomerStatus.TO_REACH);
        }
        var reason = !customer.letterDelivered()
                ? DeadlineOutcome.Why.NOT_DELIVERED
                : !campaign.settings().silenceMeansAcceptance()
                        ? DeadlineOutcome.Why.SILENCE_DOES_NOT_COUNT
                        : !sentInTime ? DeadlineOutcome.Why.SENT_TOO_LATE : DeadlineOutcome.Why.APPLIES;
        return new DeadlineOutcome(
                applies,
                why,
                reason,
                sentAt.map(at -> at.atZoneSameInstant(java.time.ZoneOffset.UTC)
                                .format(java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")))
                        .orElse(""),
                minimum.toDays(),
                minimum.toHoursPart());
    }

    /**
     * What consent-requirement.dmn decided for the customer, with its inputs: the legal reason why
     * the letter asks for consent, or only informs.
     */
    public void recordConsentRequirement(long customerRef, ConsentMode mode, String basis, Map<String, Object> inputs) {
        customers.consentDecided(customerRef, mode, basis);
        Map<String, Object> details = new LinkedHashMap<>(inputs);
        details.put("consentMode", mode.name());
        details.put("legalBasis", basis);
        evidence.append(
                customerRef,
                EvidenceType.CONSENT_REQUIREMENT_DECIDED,
                "system:decision",
                (mode == ConsentMode.CONSENT ? "Consent is asked: " : "Information only, no consent asked: ") + basis,
                details);
    }

    /** An information letter went out (compulsory e-invoicing); the answer with routing details, if any. */
    public void recordInformed(long customerRef, Long answerId, String answerHash) {
        CampaignCustomer customer = customers.get(customerRef);
        customers.settle(customerRef, CustomerStatus.INFORMED, answerId == null ? SYSTEM_DEADLINE : "customer");
        evidence.append(
                customerRef,
                EvidenceType.CUSTOMER_INFORMED,
                answerId == null ? SYSTEM_DEADLINE : "customer:response-page",
                answerId == null
                        ? "Customer informed that e-invoicing applies; no routing details given by "
                                + customer.responseDeadline()
                        : "Customer informed that e-invoicing applies; routing details given",
                Details.of(
                        "answerId",
                        answerId,
                        "answerHash",
                        answerHash,
                        "letterDelivered",
                        customer.letterDelivered(),
                        "responseDeadline",
                        String.valueOf(customer.responseDeadline())));
    }

    public void recordTacitAcceptance(long customerRef) {
        CampaignCustomer customer = customers.get(customerRef);
        if (!customer.letterDelivered()) {
            throw new IllegalStateException("Tacit acceptance refused: the letter was not delivered");
        }
        customers.settle(customerRef, CustomerStatus.ACCEPTED_TACITLY, SYSTEM_DEADLINE);
        evidence.append(
                customerRef,
                EvidenceType.CONSENT_TACIT,
                SYSTEM_DEADLINE,
                "E-invoicing accepted tacitly: no answer by the deadline stated in the delivered letter",
                Details.of("responseDeadline", String.valueOf(customer.responseDeadline())));
    }

    /**
     * A corrected address: the letter goes again, with a fresh period to answer.
     *
     * @return the new response deadline
     */
    public OffsetDateTime recordCorrectedAddress(long customerRef, String newEmail, String user) {
        if (!CustomerFileReader.isValidEmail(newEmail)) {
            throw new IllegalArgumentException("The corrected address is not a valid e-mail address");
        }
        CampaignCustomer customer = customers.get(customerRef);
        OffsetDateTime deadline = freshDeadline(customer);
        customers.changeEmail(customerRef, newEmail.trim().toLowerCase());
        customers.letterPrepared(customerRef, deadline);
        evidence.append(
                customerRef,
                EvidenceType.CONTACT_CORRECTED,
                "user:" + user,
                "Contact address corrected by " + user + "; letter sent again with a new deadline",
                Details.of(
                        "previousEmail",
                        customer.email(),
                        "newEmail",
                        newEmail,
                        "responseDeadline",
                        deadline.toString()));
        return deadline;
    }

    /** @return the new response deadline */
    public OffsetDateTime recordLetterPosted(long customerRef, String user) {
        CampaignCustomer customer = customers.get(customerRef);
        OffsetDateTime deadline = freshDeadline(customer);
        customers.awaitingPostalAnswer(customerRef, deadline);
        evidence.append(
                customerRef,
                EvidenceType.LETTER_POSTED,
                "user:" + user,
                "Letter printed and sent by post by " + user + "; delivery not proven, so silence will not count",
                Details.of("responseDeadline", deadline.toString()));
        return deadline;
    }

    public void recordNotReached(long customerRef, String user, String note) {
        customers.settle(customerRef, CustomerStatus.NOT_REACHED, "user:" + user);
        evidence.append(
                customerRef,
                EvidenceType.NOT_REACHED,
                "user:" + user,
                "Customer could not be reached; paper invoices continue",
                Details.of("recordedBy", user, "note", note));
    }

    public void recordLateAnswerApplied(long customerRef, long answerId, boolean accepts, String user) {
        customers.settle(
                customerRef, accepts ? CustomerStatus.ACCEPTED_EXPLICITLY : CustomerStatus.REFUSED, "user:" + user);
        evidence.append(
                customerRef,
                EvidenceType.LATE_ANSWER_APPLIED,
                "user:" + user,
                "Late answer applied by " + user + ": "
                        + (accepts ? "e-invoicing accepted" : "paper invoices continue"),
                Details.of("answerId", answerId, "accepts", accepts));
    }

    public void recordLateAnswerDismissed(long customerRef, long answerId, String user, String note) {
        evidence.append(
                customerRef,
                EvidenceType.LATE_ANSWER_DISMISSED,
                "user:" + user,
                "Late answer reviewed by " + user + "; earlier outcome kept",
                Details.of("answerId", answerId, "note", note));
    }

    private OffsetDateTime freshDeadline(CampaignCustomer customer) {
        Campaign campaign = campaigns.get(customer.campaignId());
        OffsetDateTime fresh =
                OffsetDateTime.now(clock).plus(properties.response().resendResponsePeriod());
        OffsetDateTime campaignDeadline = campaign.settings().deadline().toOffsetDateTime();
        return (fresh.isAfter(campaignDeadline) ? fresh : campaignDeadline).withOffsetSameInstant(ZoneOffset.UTC);
    }
}
