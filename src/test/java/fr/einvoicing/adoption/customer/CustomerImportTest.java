package fr.einvoicing.adoption.customer;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import fr.einvoicing.adoption.campaign.Campaign;
import fr.einvoicing.adoption.support.EngineTestSupport;

import static org.assertj.core.api.Assertions.assertThat;

/** A campaign file with a repeated customer: the first line wins, the second is reported. */
class CustomerImportTest extends EngineTestSupport {

    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    @Test
    void a_customer_twice_in_the_file_gets_one_journey_and_the_second_line_is_reported() {
        TestCampaign settings = campaign();
        var first = customerLine(settings, "D1", "sme");
        Campaign campaign = launch(settings, first, first, customerLine(settings, "D2", "sme"));

        assertThat(runtimeService
                        .createProcessInstanceQuery()
                        .processInstanceBusinessKey(campaign.code() + ":D1")
                        .count())
                .isEqualTo(1);
        assertThat(mailsTo(settings.email("d1"))).hasSize(1);
        var problems = jdbc.sql("select line_number, reason from customer_import_problem where campaign_id = :id")
                .param("id", campaign.id())
                .query()
                .listOfRows();
        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(((Number) p.get("line_number")).longValue()).isEqualTo(3);
            assertThat(p.get("reason").toString()).contains("Duplicate customer_id 'D1'");
        });
    }
}
