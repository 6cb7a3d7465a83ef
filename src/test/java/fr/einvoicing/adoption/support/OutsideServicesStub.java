package fr.einvoicing.adoption.support;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

/**
 * The follow-ups' outside services played by WireMock for application nodes in JVMs of their own: a
 * company registry in which every company asked about exists and is active, and an invoicing platform
 * that registers every customer. Its base URLs go to {@code campaign.registry.base-url} and
 * {@code campaign.platform.base-url}.
 */
public final class OutsideServicesStub {

    private OutsideServicesStub() {}

    /** A started server answering both services; the caller stops it. */
    public static WireMockServer start() {
        // response templating is on in WireMock 3; the stubs below ask for it
        WireMockServer server =
                new WireMockServer(WireMockConfiguration.options().port(FreePorts.next()));
        server.start();
        server.stubFor(
                get(urlPathEqualTo("/registry/search"))
                        .willReturn(
                                aResponse()
                                        .withStatus(200)
                                        .withHeader("Content-Type", "application/json")
                                        .withTransformers("response-template")
                                        .withBody(
                                                """
                        {"results":[{"siren":"{{request.query.q}}","nom_complet":"ENTREPRISE","nom_raison_sociale":"ENTREPRISE",
                          "etat_administratif":"A","siege":{"siret":"{{request.query.q}}00011","etat_administratif":"A"},
                          "matching_etablissements":[]}],"total_results":1,"page":1,"per_page":10}""")));
        server.stubFor(
                post(urlPathEqualTo("/platform/registrations"))
                        .willReturn(
                                aResponse()
                                        .withStatus(201)
                                        .withHeader("Content-Type", "application/json")
                                        .withTransformers("response-template")
                                        .withBody(
                                                "{\"registrationId\":\"REG-{{randomValue length=8 type='ALPHANUMERIC'}}\",\"status\":\"REGISTERED\"}")));
        return server;
    }
}
