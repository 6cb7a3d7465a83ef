package fr.einvoicing.adoption.campaign;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

import org.springframework.stereotype.Component;

/** Bean Validation of campaign settings, as field → message (the page and the API show them per field). */
@Component
public class CampaignSettingsValidator {

    private final Validator validator;

    public CampaignSettingsValidator(Validator validator) {
        this.validator = validator;
    }

    public Map<String, String> check(NewCampaign settings) {
        Map<String, String> errors = new LinkedHashMap<>();
        for (ConstraintViolation<NewCampaign> violation : validator.validate(settings)) {
            errors.putIfAbsent(violation.getPropertyPath().toString(), violation.getMessage());
        }
        return errors;
    }
}
