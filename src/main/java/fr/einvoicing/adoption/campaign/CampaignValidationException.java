package fr.einvoicing.adoption.campaign;

import java.util.Map;

/** Campaign settings that cannot be accepted, each message keyed by the field it belongs to. */
public class CampaignValidationException extends RuntimeException {

    private final Map<String, String> fieldErrors;

    public CampaignValidationException(Map<String, String> fieldErrors) {
        super("Invalid campaign: " + fieldErrors);
        this.fieldErrors = Map.copyOf(fieldErrors);
    }

    public Map<String, String> fieldErrors() {
        return fieldErrors;
    }
}
