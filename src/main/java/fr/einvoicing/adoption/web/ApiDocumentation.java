package fr.einvoicing.adoption.web;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;

/**
 * The OpenAPI 3 description of {@code /api}, generated from {@link CampaignApi}: served to campaign
 * managers at {@code /api-docs/openapi.json}, with Swagger UI at {@code /api-docs/ui}. The settings'
 * fields are described here, so that the campaign's own types stay free of documentation annotations.
 */
@Configuration
public class ApiDocumentation {

    static final String BASIC = "basicAuth";

    static final String INVALID_SETTINGS_EXAMPLE = "{\"error\":\"Invalid campaign settings\",\"fieldErrors\":"
            + "{\"responseDeadline\":\"The response deadline must be in the future\",\"contactEmail\":\"must be a well-formed email address\"}}";

    /** What an integrator can send as {@code settings}: the README's example, in full. */
    static final Map<String, Object> SETTINGS_EXAMPLE = example();

    private static final Map<String, String> SETTINGS_FIELDS = fields();

    @Bean
    OpenAPI campaignApiDescription() {
        return new OpenAPI()
                .info(new Info()
                        .title("E-invoicing adoption campaigns API")
                        .version("1")
                        .description("Create a campaign from a customer file, follow its customers, pause its "
                                + "sending, check its letter. Every call needs HTTP Basic credentials of a user in "
                                + "the `campaign-managers` group. Errors come as `{\"error\": ..., \"fieldErrors\": "
                                + "{field: reason}}` with 404 (unknown campaign), 409 (not possible at this stage) "
                                + "or 422 (settings or file refused; nothing is created)."))
                .components(new Components()
                        .addSecuritySchemes(
                                BASIC,
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.HTTP)
                                        .scheme("basic")
                                        .description("A user of the campaign-managers group")))
                .addSecurityItem(new SecurityRequirement().addList(BASIC));
    }

    /** The settings' fields: a description each, the required ones, and a whole example. */
    @Bean
    OpenApiCustomizer campaignSettingsDescription() {
        return openApi -> {
            @SuppressWarnings("rawtypes")
            Map<String, Schema> schemas = openApi.getComponents().getSchemas();
            Schema<?> settings = schemas == null ? null : schemas.get("NewCampaign");
            if (settings == null || settings.getProperties() == null) {
                return;
            }
            settings.setDescription("A campaign's settings. Supplier fields left empty take the deployment's "
                    + "defaults (campaign.supplier.*).");
            SETTINGS_FIELDS.forEach((field, description) -> {
                Schema<?> property = settings.getProperties().get(field);
                if (property != null) {
                    property.setDescription(description);
                }
            });
            settings.setExample(SETTINGS_EXAMPLE);
            // local date-times (read in deadlineZone), not instants: no offset, or a client would send one
            for (String field : new String[] {"responseDeadline", "webinarAt"}) {
                localDateTime(settings.getProperties().get(field));
            }
            Schema<?> sessions = settings.getProperties().get("moreWebinarSessions");
            if (sessions != null && sessions.getItems() != null) {
                localDateTime(sessions.getItems());
            }
        };
    }

    private static void localDateTime(Schema<?> property) {
        if (property != null) {
            property.setFormat(null);
            property.setPattern("^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2})?$");
            property.setExample("2026-12-31T18:00:00");
        }
    }

    private static Map<String, String> fields() {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("code", "The campaign's code, in business keys and links: 2 to 40 letters, digits, '-' or '_'");
        f.put("name", "The campaign's name, in the letter's subject");
        f.put("defaultLanguage", "fr or en: the letter's language for customers whose file gives none");
        f.put("responseDeadline", "Local date-time of the response deadline, in deadlineZone");
        f.put("deadlineZone", "IANA time zone of the deadline, e.g. Europe/Paris");
        f.put("reminderBefore", "ISO-8601 duration before the deadline for the one reminder (P7D); empty: none");
        f.put("silenceMeansAcceptance", "Whether silence by the deadline counts as acceptance (for delivered letters)");
        f.put("firstEinvoiceDate", "The date of the first electronic invoice, named in the letter");
        f.put("webinarAt", "The first webinar session (local date-time), named in the letter");
        f.put("moreWebinarSessions", "Other webinar sessions customers may choose");
        f.put("webinarUrl", "Where the webinar takes place");
        f.put("faqUrl", "The frequently-asked-questions page linked from the letter");
        f.put("showTaxFaq", "Whether the letter links to the tax administration's e-invoicing FAQ");
        f.put("contactName", "The person customers can call or write to");
        f.put("contactEmail", "Their e-mail address");
        f.put("contactPhone", "Their phone number");
        f.put("termsVersion", "The version of the terms and conditions customers validate");
        f.put("termsUrl", "Where those terms can be read");
        f.put("lettersPerHour", "Sending throttle, 1 to 100000 letters an hour; empty: the deployment's default");
        f.put(
                "issuerSize",
                "Our size category (LARGE, MID_SIZE, SME, MICRO), an input of the consent decision; default SME");
        f.put("letterTemplate", "The letter's template set: standard (default) or short");
        f.put("supplierLegalName", "When the campaign speaks for another entity: its legal name");
        f.put("supplierSiren", "Its SIREN (9 digits)");
        f.put("supplierAddress", "Its address");
        f.put("supplierIban", "Its IBAN");
        f.put("supplierBic", "Its BIC");
        f.put("supplierPhone", "Its phone number");
        return Map.copyOf(f);
    }

    private static Map<String, Object> example() {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("code", "EINV-2026");
        e.put("name", "Passage à la facture électronique");
        e.put("defaultLanguage", "fr");
        e.put("responseDeadline", "2026-12-31T18:00:00");
        e.put("deadlineZone", "Europe/Paris");
        e.put("reminderBefore", "P7D");
        e.put("silenceMeansAcceptance", true);
        e.put("firstEinvoiceDate", "2027-01-15");
        e.put("webinarAt", "2026-12-10T11:00:00");
        e.put("webinarUrl", "https://webinar.example.com/einvoicing");
        e.put("faqUrl", "https://example.com/faq");
        e.put("showTaxFaq", true);
        e.put("contactName", "Claire Martin");
        e.put("contactEmail", "claire.martin@example.com");
        e.put("contactPhone", "+33 1 23 45 67 89");
        e.put("termsVersion", "CGV-2026-11");
        e.put("termsUrl", "https://example.com/cgv");
        return java.util.Collections.unmodifiableMap(e);
    }
}
