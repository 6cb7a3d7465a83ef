package fr.einvoicing.adoption.web;

import java.lang.reflect.RecordComponent;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.SwaggerParseResult;

import fr.einvoicing.adoption.campaign.CampaignSettings;
import fr.einvoicing.adoption.support.EngineTestSupport;
import fr.einvoicing.adoption.support.StaffClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The OpenAPI description of {@code /api}, read as an integrator's tooling reads it: valid OpenAPI 3,
 * every endpoint described, for campaign managers only; and a client that knows nothing but the
 * description (operation ids, paths, parts, their content types, the documented example) creates a
 * campaign with it and reads it back.
 */
class ApiDescriptionTest extends EngineTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    private final StaffClient claire() {
        return new StaffClient(baseUrl(), "claire", "demo");
    }

    private OpenAPI description() {
        var response = claire().get("/api-docs/openapi.json");
        assertThat(response.statusCode()).isEqualTo(200);
        SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(response.body());
        assertThat(parsed.getMessages()).as("a valid OpenAPI 3 description").isEmpty();
        return parsed.getOpenAPI();
    }

    @Test
    void the_description_and_swagger_ui_are_for_campaign_managers_only() throws Exception {
        HttpClient http = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        for (String path : new String[] {"/api-docs/openapi.json", "/api-docs/ui"}) {
            var anonymous = http.send(
                    HttpRequest.newBuilder(URI.create(baseUrl() + path)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(anonymous.statusCode()).as(path).isIn(302, 401);
            assertThat(new StaffClient(baseUrl(), "anna", "demo").get(path).statusCode())
                    .as(path)
                    .isEqualTo(403);
        }
        var ui = claire().get("/api-docs/ui");
        assertThat(ui.statusCode()).isEqualTo(302);
        String page = ui.headers().firstValue("Location").orElseThrow();
        var index = claire().get(URI.create(baseUrl()).resolve(page).getPath());
        assertThat(index.statusCode()).isEqualTo(200);
        assertThat(index.body()).contains("swagger-ui");
        assertThat(claire().get("/api-docs/openapi.json")
                        .headers()
                        .firstValue("Content-Type")
                        .orElse(""))
                .startsWith("application/json");
    }

    @Test
    void every_api_endpoint_is_described_with_a_summary_its_errors_and_the_login() {
        OpenAPI api = description();
        assertThat(api.getComponents().getSecuritySchemes()).containsKey("basicAuth");
        assertThat(api.getSecurity()).isNotEmpty();
        assertThat(api.getPaths().keySet()).allMatch(path -> path.startsWith("/api/"));

        Set<String> endpoints = new TreeSet<>();
        mappings.getHandlerMethods().forEach((info, method) -> {
            for (String path : info.getPatternValues()) {
                if (path.startsWith("/api/")) {
                    for (RequestMethod verb : info.getMethodsCondition().getMethods()) {
                        endpoints.add(verb + " " + path);
                    }
                }
            }
        });
        assertThat(endpoints).as("the API's endpoints").hasSizeGreaterThanOrEqualTo(11);

        Set<String> described = new TreeSet<>();
        api.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((verb, operation) -> {
            described.add(verb + " " + path);
            String name = verb + " " + path;
            assertThat(operation.getOperationId()).as(name).isNotBlank();
            assertThat(operation.getSummary()).as(name).isNotBlank();
            assertThat(operation.getResponses()).as(name).containsKeys("401", "403");
            assertThat(operation.getResponses().keySet())
                    .as(name + ": its success")
                    .anyMatch(status -> status.startsWith("2"));
            if (path.contains("{code}")) {
                assertThat(operation.getResponses())
                        .as(name + ": an unknown campaign")
                        .containsKey("404");
            }
            operation.getResponses().forEach((status, response) -> {
                if (status.startsWith("4") && !status.equals("401") && !status.equals("403")) {
                    assertThat(response.getContent()
                                    .get("application/json")
                                    .getSchema()
                                    .get$ref())
                            .as(name + " " + status + " has the error shape")
                            .endsWith("/Error");
                }
            });
        }));
        assertThat(described).isEqualTo(endpoints);
        assertThat(api.getComponents().getSchemas().get("NewCampaign").getExample())
                .as("a settings example")
                .isNotNull();
        @SuppressWarnings("rawtypes")
        Map<String, io.swagger.v3.oas.models.media.Schema> settings =
                api.getComponents().getSchemas().get("NewCampaign").getProperties();
        assertThat(settings.keySet())
                .as("every setting in the description")
                .containsExactlyInAnyOrder(Arrays.stream(CampaignSettings.class.getRecordComponents())
                        .map(RecordComponent::getName)
                        .toArray(String[]::new));
        settings.forEach((name, property) -> assertThat(property.getDescription())
                .as("the description of " + name)
                .isNotBlank());
    }

    @Test
    void a_client_built_from_the_description_alone_creates_a_campaign_and_reads_it_back() throws Exception {
        OpenAPI api = description();
        Map.Entry<String, Operation> create = operation(api, "createCampaign");
        MediaType multipart = create.getValue().getRequestBody().getContent().get("multipart/form-data");
        assertThat(multipart).as("the create operation's body").isNotNull();
        assertThat(multipart.getSchema().get$ref()).isNotNull();
        io.swagger.v3.oas.models.media.Schema<?> form = api.getComponents()
                .getSchemas()
                .get(multipart.getSchema().get$ref().replace("#/components/schemas/", ""));
        assertThat(form.getRequired()).containsExactlyInAnyOrder("settings", "customers");

        // the documented example, with this client's own code and a deadline to come
        ObjectNode settings = (ObjectNode) JSON.valueToTree(
                api.getComponents().getSchemas().get("NewCampaign").getExample());
        String code = campaign().code() + "-API";
        settings.put("code", code);
        settings.put(
                "responseDeadline",
                LocalDateTime.now().plusMonths(2).withNano(0).toString());
        settings.put("webinarAt", LocalDateTime.now().plusMonths(1).withNano(0).toString());
        settings.put(
                "firstEinvoiceDate",
                LocalDateTime.now().plusMonths(3).toLocalDate().toString());
        String header = ((io.swagger.v3.oas.models.media.Schema<?>)
                        form.getProperties().get("customers"))
                .getDescription()
                .replaceAll("^[^:]*: ", "")
                .replaceAll(" \\(.*$", "");
        String file = header + "\nC1;Transports Leroy SAS;Paul Leroy;paul.leroy@leroy.example;;;fr;sme;anna\n";

        Map<String, StaffClient.Part> parts = new LinkedHashMap<>();
        parts.put(
                "settings",
                new StaffClient.Part(
                        "settings.json",
                        multipart.getEncoding().get("settings").getContentType(),
                        settings.toString().getBytes(StandardCharsets.UTF_8)));
        parts.put(
                "customers",
                new StaffClient.Part(
                        "customers.csv",
                        multipart.getEncoding().get("customers").getContentType(),
                        file.getBytes(StandardCharsets.UTF_8)));
        String verb = api.getPaths().get(create.getKey()).readOperationsMap().entrySet().stream()
                .filter(e -> e.getValue() == create.getValue())
                .findFirst()
                .orElseThrow()
                .getKey()
                .name();
        var created = claire().multipart(verb, create.getKey() + "?start=false", parts);

        assertThat(create.getValue().getResponses()).containsKey(String.valueOf(created.statusCode()));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode body = JSON.readTree(created.body());
        assertThat(fieldNames(body)).isSubsetOf(properties(api, create.getValue(), "201"));
        assertThat(body.get("imported").asInt()).isEqualTo(1);

        Map.Entry<String, Operation> get = operation(api, "getCampaign");
        var read = claire().get(get.getKey().replace("{code}", code));
        assertThat(read.statusCode()).isEqualTo(200);
        JsonNode campaign = JSON.readTree(read.body());
        assertThat(fieldNames(campaign)).isSubsetOf(properties(api, get.getValue(), "200"));
        assertThat(campaign.get("name").asText()).isEqualTo("Passage à la facture électronique");
        assertThat(campaign.at("/customersByStatus/NEW").asInt()).isEqualTo(1);

        // the documented error shape is the one that comes back
        settings.put("code", code + "-BAD");
        settings.put("responseDeadline", "2020-01-01T18:00:00");
        parts.put(
                "settings",
                new StaffClient.Part(
                        "settings.json", "application/json", settings.toString().getBytes(StandardCharsets.UTF_8)));
        var refused = claire().multipart(verb, create.getKey(), parts);
        assertThat(refused.statusCode()).isEqualTo(422);
        JsonNode error = JSON.readTree(refused.body());
        assertThat(fieldNames(error))
                .isSubsetOf(api.getComponents()
                        .getSchemas()
                        .get("Error")
                        .getProperties()
                        .keySet());
        assertThat(error.at("/fieldErrors/responseDeadline").asText())
                .isEqualTo("The response deadline must be in the future");

        // what curl without ;type= and generated clients send: the settings as plain text; and a part forgotten
        settings.put("code", code + "-TXT");
        settings.put(
                "responseDeadline",
                LocalDateTime.now().plusMonths(2).withNano(0).toString());
        parts.put(
                "settings",
                new StaffClient.Part(
                        "settings.json", "text/plain", settings.toString().getBytes(StandardCharsets.UTF_8)));
        assertThat(claire().multipart(verb, create.getKey() + "?start=false", parts)
                        .statusCode())
                .isEqualTo(201);
        parts.remove("customers");
        var missing = claire().multipart(verb, create.getKey(), parts);
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(missing.body()).at("/fieldErrors/customers").asText())
                .isEqualTo("Required");

        var unknown = claire().get(get.getKey().replace("{code}", "NO-SUCH-CAMPAIGN"));
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(unknown.body()).get("error").asText()).isEqualTo("No campaign NO-SUCH-CAMPAIGN");
    }

    private static Map.Entry<String, Operation> operation(OpenAPI api, String id) {
        for (var path : api.getPaths().entrySet()) {
            for (Operation operation : path.getValue().readOperations()) {
                if (id.equals(operation.getOperationId())) {
                    return Map.entry(path.getKey(), operation);
                }
            }
        }
        throw new AssertionError("no operation " + id + " in the description");
    }

    private static Set<String> properties(OpenAPI api, Operation operation, String status) {
        String ref = operation
                .getResponses()
                .get(status)
                .getContent()
                .values()
                .iterator()
                .next()
                .getSchema()
                .get$ref();
        return api.getComponents()
                .getSchemas()
                .get(ref.replace("#/components/schemas/", ""))
                .getProperties()
                .keySet();
    }

    private static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new TreeSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
