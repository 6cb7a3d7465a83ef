package fr.einvoicing.adoption.response;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import fr.einvoicing.adoption.campaign.Campaign;
import fr.einvoicing.adoption.campaign.Campaigns;
import fr.einvoicing.adoption.consent.EvidenceLog;
import fr.einvoicing.adoption.consent.EvidenceType;
import fr.einvoicing.adoption.customer.CampaignCustomer;
import fr.einvoicing.adoption.customer.CampaignCustomers;
import fr.einvoicing.adoption.customer.ConsentMode;

/**
 * Stores a customer's answer from the response page. The answer is kept in the application's own
 * table, with its evidence, before anything else is done with it; routing it comes after the commit.
 */
@Service
public class ResponseService {

    private final ResponseTokens tokens;
    private final CustomerResponses responses;
    private final CampaignCustomers customers;
    private final Campaigns campaigns;
    private final EvidenceLog evidence;
    private final ObjectMapper json;
    private final Clock clock;

    public ResponseService(
            ResponseTokens tokens,
            CustomerResponses responses,
            CampaignCustomers customers,
            Campaigns campaigns,
            EvidenceLog evidence,
            ObjectMapper json,
            Clock clock) {
        this.tokens = tokens;
        this.responses = responses;
        this.customers = customers;
        this.campaigns = campaigns;
        this.evidence = evidence;
        this.json = json;
        this.clock = clock;
    }

    /** The page a valid link opens: whom it is for and what the campaign says. */
    public record ResponsePage(ResponseTokens.ValidToken token, CampaignCustomer customer, Campaign campaign) {}

    /** Outcome of a submission. */
    public sealed interface Submission {
        record Stored(long answerId, boolean accepted, boolean detailsOnly) implements Submission {}

        record Invalid(Map<String, String> fieldErrors) implements Submission {}

        /** The link is unknown, expired or already used. */
        record LinkNotUsable() implements Submission {}
    }

    @Transactional(readOnly = true)
    public Optional<ResponsePage> open(String rawToken) {
        return tokens.resolve(rawToken, TokenPurpose.RESPONSE).map(token -> {
            CampaignCustomer customer = customers.get(token.customerRef());
            return new ResponsePage(token, customer, campaigns.get(customer.campaignId()));
        });
    }

    @Transactional
    public Submission submit(String rawToken, ResponseForm form, CustomerResponses.Origin origin) {
        var token = tokens.resolve(rawToken, TokenPurpose.RESPONSE);
        if (token.isEmpty()) {
            return new Submission.LinkNotUsable();
        }
        CampaignCustomer customer = customers.get(token.get().customerRef());
        if (customer.consentMode() == ConsentMode.INFORM_ONLY) {
            // nothing to accept or refuse: whatever a crafted request says, this is routing details
            form.setDecision(AnswerChoices.DETAILS);
            form.setRefusalReason(null);
            form.setRefusalComment(null);
        }
        Map<String, String> errors = ResponseValidator.validate(form);
        if (!errors.isEmpty()) {
            return new Submission.Invalid(errors);
        }
        if (!tokens.markUsed(token.get().id())) {
            return new Submission.LinkNotUsable();
        }
        Campaign campaign = campaigns.get(customer.campaignId());
        OffsetDateTime now =
                OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
        OffsetDateTime deadline = customer.responseDeadline() != null
                ? customer.responseDeadline()
                : campaign.settings().deadline().toOffsetDateTime();
        boolean inTime = !now.isAfter(deadline);
        String termsVersion = form.isValidateTerms() ? campaign.settings().termsVersion() : null;
        CustomerAnswer draft = new CustomerAnswer(
                0,
                customer.id(),
                now,
                form.getDecision(),
                form.getRefusalReason(),
                form.getRefusalComment(),
                form.getUsesSupplierTool() == null ? null : "YES".equals(form.getUsesSupplierTool()),
                form.getSupplierTool(),
                form.getSupplierToolOther(),
                form.getWantedFormat(),
                form.getDeliveryMode(),
                form.getSiren(),
                form.getSiret(),
                form.getInvoicingContactName(),
                form.getInvoicingContactEmail(),
                termsVersion,
                customer.language(),
                null,
                inTime,
                CustomerAnswer.Routing.PENDING);
        String answerHash = hashOf(draft);
        CustomerAnswer answer = new CustomerAnswer(
                0,
                draft.customerRef(),
                draft.receivedAt(),
                draft.decision(),
                draft.refusalReason(),
                draft.refusalComment(),
                draft.usesSupplierTool(),
                draft.supplierTool(),
                draft.supplierToolOther(),
                draft.wantedFormat(),
                draft.deliveryMode(),
                draft.siren(),
                draft.siret(),
                draft.invoicingContactName(),
                draft.invoicingContactEmail(),
                draft.termsVersion(),
                draft.language(),
                answerHash,
                inTime,
                CustomerAnswer.Routing.PENDING);
        long answerId = responses.insert(answer, origin);

        Map<String, Object> details = new LinkedHashMap<>();
        details.put("answerId", answerId);
        details.put("decision", answer.decision());
        details.put("answerHash", answerHash);
        details.put("receivedAt", now.toString());
        details.put("responseDeadline", deadline.toString());
        details.put("inTime", inTime);
        details.put("clientAddress", origin.clientAddress());
        details.put("userAgent", origin.userAgent());
        details.put("termsVersionValidated", termsVersion);
        evidence.append(
                customer.id(),
                EvidenceType.ANSWER_SUBMITTED,
                "customer:response-page",
                (answer.detailsOnly()
                                ? "Customer gave routing details"
                                : answer.accepted() ? "Customer accepted" : "Customer refused")
                        + " on the response page"
                        + (inTime ? "" : " after the deadline"),
                details);
        return new Submission.Stored(answerId, answer.accepted(), answer.detailsOnly());
    }

    /** SHA-256 over the answer's own fields (not its routing), in a fixed order. */
    private String hashOf(CustomerAnswer a) {
        Map<String, Object> fields = new TreeMap<>();
        fields.put("customerRef", a.customerRef());
        fields.put("receivedAt", a.receivedAt().toString());
        fields.put("decision", a.decision());
        fields.put("refusalReason", a.refusalReason());
        fields.put("refusalComment", a.refusalComment());
        fields.put("usesSupplierTool", a.usesSupplierTool());
        fields.put("supplierTool", a.supplierTool());
        fields.put("supplierToolOther", a.supplierToolOther());
        fields.put("wantedFormat", a.wantedFormat());
        fields.put("deliveryMode", a.deliveryMode());
        fields.put("siren", a.siren());
        fields.put("siret", a.siret());
        fields.put("invoicingContactName", a.invoicingContactName());
        fields.put("invoicingContactEmail", a.invoicingContactEmail());
        fields.put("termsVersion", a.termsVersion());
        try {
            return EvidenceLog.sha256(json.writeValueAsString(fields));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
