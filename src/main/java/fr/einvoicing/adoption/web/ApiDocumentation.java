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
 * managers at {@code /api-docs/openapi.json}, with Swagger UI at {@code /api-docs/ui}. Each setting is
 * described where it is declared ({@code CampaignSettings}); here, what the whole description adds.
 */
@Configuration
public class ApiDocumentation {

    static final String BASIC = "basicAuth";

    static final String INVALID_SETTINGS_EXAMPLE = "{\"error\":\"Invalid campaign settings\",\"fieldErrors\":"
            + "{\"responseDeadline\":\"The response deadline must be in the future\",\"contactEmail\":\"must be a well-formed email address\"}}";

    /** What an integrator can send as {@code settings}: the README's example, in full. */
    static final Map<String, Object> SETTINGS_EXAMPLE = example();

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

    /** The settings' whole example, and their local date-times written as such. */
    @Bean
    OpenApiCustomizer campaignSettingsDescription() {
        return openApi -> {
            @SuppressWarnings("rawtypes")
            Map<String, Schema> schemas = openApi.getComponents().getSchemas();
            Schema<?> settings = schemas == null ? null : schemas.get("NewCampaign");
            if (settings == null || settings.getProperties() == null) {
                return;
            }
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
