package fr.einvoicing.adoption.process;

import java.util.Locale;
import java.util.StringJoiner;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

import fr.einvoicing.adoption.CampaignProperties;
import fr.einvoicing.adoption.consent.ConsentService;
import fr.einvoicing.adoption.customer.CustomerStatus;
import fr.einvoicing.adoption.response.CustomerAnswer;

/**
 * The words the journeys put into task variables for Tasklist's forms (what the customer answered,
 * the earlier outcome, why a customer must be reached another way), in the operators' language
 * ({@code campaign.operator-language}) from the staff messages, like the task names and forms. Codes
 * that route the process (a refusal reason read by refusal-routing.dmn) stay codes beside them.
 */
@Component
public class OperatorTexts {

    private final MessageSource messages;
    private final Locale locale;

    public OperatorTexts(MessageSource messages, CampaignProperties properties) {
        this.messages = messages;
        this.locale = properties.operatorLocale();
    }

    /** The operators' language, for texts that choose their words themselves (letter findings). */
    public Locale locale() {
        return locale;
    }

    public String text(String key, Object... args) {
        return messages.getMessage(key, args, locale);
    }

    /** A code of the response page's choices (reason, tool, format, delivery) in words; unknown codes as they are. */
    public String choice(String code) {
        return code == null ? null : messages.getMessage("answer." + code, null, code, locale);
    }

    public String outcome(CustomerStatus status) {
        return text("status." + status.name());
    }

    /** Why the customer must be reached another way after the deadline passed in silence. */
    public String noAnswer(ConsentService.DeadlineOutcome outcome) {
        return text(
                "contactIssue.noAnswer", text("deadline.why." + outcome.reason().name(), outcome.values()));
    }

    /** What the customer answered, in one line for a task form. No contact data. */
    public String answerSummary(CustomerAnswer answer) {
        StringJoiner s = new StringJoiner("; ");
        s.add(text(
                answer.detailsOnly()
                        ? "answerSummary.detailsOnly"
                        : answer.accepted() ? "answerSummary.accepts" : "answerSummary.refuses"));
        if (answer.refusalReason() != null) {
            s.add(text("answerSummary.reason", choice(answer.refusalReason())));
        }
        if (Boolean.TRUE.equals(answer.usesSupplierTool())) {
            s.add(text(
                    "answerSummary.tool",
                    "OTHER".equals(answer.supplierTool()) && answer.supplierToolOther() != null
                            ? answer.supplierToolOther()
                            : choice(answer.supplierTool())));
        } else if (Boolean.FALSE.equals(answer.usesSupplierTool())) {
            s.add(text("answerSummary.noTool"));
        }
        if (answer.wantedFormat() != null) {
            s.add(text("answerSummary.format", choice(answer.wantedFormat())));
        }
        if (answer.deliveryMode() != null) {
            s.add(text("answerSummary.delivery", choice(answer.deliveryMode())));
        }
        if (answer.siret() != null) {
            s.add(text("answerSummary.siret", answer.siret()));
        } else if (answer.siren() != null) {
            s.add(text("answerSummary.siren", answer.siren()));
        }
        if (answer.termsVersion() != null) {
            s.add(text("answerSummary.terms", answer.termsVersion()));
        }
        return s.toString();
    }
}
