package fr.einvoicing.adoption.letter;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Service;

import fr.einvoicing.adoption.campaign.Campaign;
import fr.einvoicing.adoption.customer.CampaignCustomer;
import fr.einvoicing.adoption.customer.CampaignCustomers;

/** Renders a campaign's letter in French and English for one of its customers, and checks both. */
@Service
public class LetterReview {

    private final LetterRenderer renderer;
    private final LetterChecker checker;
    private final CampaignCustomers customers;

    public LetterReview(LetterRenderer renderer, LetterChecker checker, CampaignCustomers customers) {
        this.renderer = renderer;
        this.checker = checker;
        this.customers = customers;
    }

    public record Checked(String language, String templateVersion, String subject, String html,
                          List<LetterChecker.Finding> findings) {
    }

    /** Empty when the campaign has no customer yet to render the letter for. */
    public List<Checked> review(Campaign campaign) {
        Optional<CampaignCustomer> sample = customers.page(campaign.id(), "", 0, 1).stream().findFirst();
        if (sample.isEmpty()) {
            return List.of();
        }
        List<Checked> checked = new ArrayList<>();
        for (String language : List.of("fr", "en")) {
            CampaignCustomer customer = sample.get().withLanguage(language);
            var rendered = renderer.render(LetterKind.LETTER, campaign, customer, campaign.responseDeadline());
            checked.add(new Checked(language, rendered.templateVersion(), rendered.subject(),
                    rendered.html().replace(Letter.PERSONAL_LINK, "#personal-link"),
                    checker.check(rendered.plainText(), language, campaign.silenceMeansAcceptance())));
        }
        return checked;
    }
}
