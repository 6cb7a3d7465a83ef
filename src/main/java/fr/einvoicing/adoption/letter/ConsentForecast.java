package fr.einvoicing.adoption.letter;

import java.util.Set;

import fr.einvoicing.adoption.campaign.Campaign;
import fr.einvoicing.adoption.customer.ConsentMode;

/** Which letters a campaign's customers would get if they went out today (consent-requirement.dmn). */
public interface ConsentForecast {

    Set<ConsentMode> modesFor(Campaign campaign);
}
