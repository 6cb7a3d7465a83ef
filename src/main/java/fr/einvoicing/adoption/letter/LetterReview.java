package fr.einvoicing.adoption.letter;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Service;

import fr.einvoicing.adoption.campaign.Campaign;
import fr.einvoicing.adoption.customer.CampaignCustomer;
import fr.einvoicing.adoption.customer.CampaignCustomers;
import fr.einvoicing.adoption.customer.ConsentMode;

/** Renders a campaign's letter in French and English for one of its customers, and checks both. */
@Service
public class LetterReview {

    private final LetterRenderer renderer;
    private final LetterChecker checker;
    private final CampaignCustomers customers;
    private final ConsentForecast forecast;

    public LetterReview(
            LetterRenderer renderer, LetterChecker checker, CampaignCustomers customers, ConsentForecast forecast) {
        this.renderer = renderer;
        this.checker = checker;
        this.customers = customers;
        this.forecast = forecast;
    }

    public record Checked(
            LetterKind kind,
            String language,
            String templateVersion,
            String subject,
            String html,
            List<LetterChecker.Finding> findings) {

        /** What a manager reads above the preview. */
        public String title() {
            String lang = "fr".equals(language) ? "French" : "English";
            return kind == LetterKind.INFORMATION ? lang + " information letter (no consent needed)" : lang + " letter";
        }
    }

    /**
     * Each letter the campaign will send (the consent letter, the information letter, or both, as the
     * consent-requirement decision goes for its customers), in both languages. Empty when the campaign
     * has no customer yet to render a letter for.
     */
    public List<Checked> review(Campaign campaign) {
        Optional<CampaignCustomer> sample =
                customers.page(campaign.id(), "", 0, 1).stream().findFirst();
        if (sample.isEmpty()) {
            return List.of();
        }
        List<Checked> checked = new ArrayList<>();
        for (ConsentMode mode : forecast.modesFor(campaign)) {
            LetterKind kind = mode == ConsentMode.INFORM_ONLY ? LetterKind.INFORMATION : LetterKind.LETTER;
            for (String language : List.of("fr", "en")) {
                CampaignCustomer customer = sample.get().withLanguage(language).withConsentMode(mode);
                var rendered = renderer.render(
                        kind, campaign, customer, campaign.settings().deadline());
                checked.add(new Checked(
                        kind,
                        language,
                        rendered.templateVersion(),
                        rendered.subject(),
                        rendered.html().replace(Letter.PERSONAL_LINK, "#personal-link"),
                        checker.check(
                                rendered.plainText(),
                                language,
                                kind,
                                campaign.settings().silenceMeansAcceptance())));
            }
        }
        return checked;
    }
}
