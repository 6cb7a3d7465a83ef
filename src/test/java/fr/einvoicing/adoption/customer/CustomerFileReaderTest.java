package fr.einvoicing.adoption.customer;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CustomerFileReaderTest {

    private final List<CustomerRow> rows = new ArrayList<>();
    private final List<RowProblem> problems = new ArrayList<>();

    private CustomerFileReader.Summary read(String content) throws IOException {
        return read(new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8)));
    }

    private CustomerFileReader.Summary read(InputStream in) throws IOException {
        return new CustomerFileReader("fr").read(in, new CustomerFileReader.RowSink() {
            @Override
            public void accept(CustomerRow row) {
                rows.add(row);
            }

            @Override
            public void reject(RowProblem problem) {
                problems.add(problem);
            }
        });
    }

    @Test
    void reads_the_sample_file_with_its_extra_column_kept_as_an_attribute() throws IOException {
        try (InputStream in = Files.newInputStream(Path.of("samples/customers-demo.csv"))) {
            var summary = read(in);
            assertThat(summary.rowsAccepted()).isEqualTo(6);
        }
        assertThat(rows.get(0).customerId()).isEqualTo("C001");
        assertThat(rows.get(0).attributes()).containsEntry("region", "Auvergne-Rhône-Alpes");
        assertThat(rows.get(2).language()).isEqualTo("en");
        assertThat(rows.get(5).language())
                .as("empty language takes the campaign's")
                .isEqualTo("fr");
        assertThat(rows.get(0).country()).as("empty country is France").isEqualTo("FR");
        assertThat(rows.get(0).vatRegistered())
                .as("VAT-registered unless said otherwise")
                .isTrue();
        assertThat(rows.get(2).country()).isEqualTo("GB");
        assertThat(rows.get(4).publicEntity())
                .as("the town hall is a public entity")
                .isTrue();
        assertThat(rows.get(0).attributes()).doesNotContainKeys("country", "public_entity");
    }

    @Test
    void consent_columns_with_values_nobody_can_read_are_reported() throws IOException {
        String csv =
                """
                customer_id;company_name;contact_name;email;siren;siret;language;segment;account_manager;country;vat_registered;public_entity
                K1;Good;A;a@x.example;;;fr;sme;anna;fr;oui;non
                K2;Bad country;A;b@x.example;;;fr;sme;anna;France;;
                K3;Bad flag;A;c@x.example;;;fr;sme;anna;;maybe;
                """;
        read(new java.io.ByteArrayInputStream(csv.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertThat(rows).extracting(CustomerRow::customerId).containsExactly("K1");
        assertThat(rows.get(0).country()).isEqualTo("FR");
        assertThat(rows.get(0).vatRegistered()).isTrue();
        assertThat(rows.get(0).publicEntity()).isFalse();
        assertThat(problems).extracting(RowProblem::lineNumber).containsExactly(3L, 4L);
        assertThat(problems.get(0).reason()).contains("country 'France' is not a two-letter country code");
        assertThat(problems.get(0).code())
                .as("a code the pages word in their language")
                .isEqualTo("COUNTRY_INVALID");
        assertThat(problems.get(0).values()).containsExactly("France");
        assertThat(problems.get(1).reason()).contains("vat_registered 'maybe' is not yes or no");
    }

    @Test
    void bad_rows_are_reported_with_their_line_number_and_reason_while_good_rows_go_through() throws IOException {
        try (InputStream in = Files.newInputStream(Path.of("samples/customers-with-errors.csv"))) {
            read(in);
        }
        assertThat(rows).extracting(CustomerRow::customerId).contains("E001");
        assertThat(problems).isNotEmpty();
        assertThat(problems).anySatisfy(p -> {
            assertThat(p.lineNumber()).isEqualTo(3);
            assertThat(p.customerId()).isEqualTo("E002");
            assertThat(p.reason()).contains("not-an-email").contains("not a valid address");
        });
        assertThat(problems).anySatisfy(p -> {
            assertThat(p.customerId()).isEqualTo("E003");
            assertThat(p.reason()).contains("SIREN");
        });
        assertThat(problems).anySatisfy(p -> {
            assertThat(p.customerId()).isEqualTo("E004");
            assertThat(p.reason()).contains("SIRET");
        });
    }

    @Test
    void comma_separated_with_a_bom_and_quoted_fields() throws IOException {
        read("\uFEFFcustomer_id,company_name,contact_name,email,siren,siret,language,segment,account_manager\n"
                + "X1,\"Dupont, Fils & Cie\",\"Jean \"\"JD\"\" Dupont\",jd@dupont.example,,,en,sme,anna\n");
        assertThat(problems).isEmpty();
        assertThat(rows).singleElement().satisfies(r -> {
            assertThat(r.customerId()).isEqualTo("X1");
            assertThat(r.companyName()).isEqualTo("Dupont, Fils & Cie");
            assertThat(r.contactName()).isEqualTo("Jean \"JD\" Dupont");
        });
    }

    @Test
    void a_missing_required_column_rejects_the_whole_file_with_its_name() {
        assertThatThrownBy(() -> read("customer_id;company_name;email\nX1;Dupont;a@b.example\n"))
                .isInstanceOf(CustomerFileRejectedException.class)
                .hasMessageContaining("siren");
    }

    @Test
    void a_row_that_is_not_utf8_is_reported_with_its_line_and_the_others_go_through() throws IOException {
        byte[] header = "customer_id;company_name;contact_name;email;siren;siret;language;segment;account_manager\n"
                .getBytes(StandardCharsets.UTF_8);
        byte[] good = "G1;Garage;Anne;anne@garage.example;;;fr;sme;anna\n".getBytes(StandardCharsets.UTF_8);
        byte[] latin1 = "L1;Société Générale;Zoé;zoe@sg.example;;;fr;sme;anna\n".getBytes(StandardCharsets.ISO_8859_1);
        var out = new java.io.ByteArrayOutputStream();
        out.write(header);
        out.write(latin1);
        out.write(good);
        read(new ByteArrayInputStream(out.toByteArray()));
        assertThat(rows).extracting(CustomerRow::customerId).containsExactly("G1");
        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.lineNumber()).isEqualTo(2);
            assertThat(p.reason()).contains("not valid UTF-8");
        });
    }

    @Test
    void a_file_that_is_not_a_csv_at_all_is_refused_with_a_reason() {
        byte[] binary = new byte[2048];
        new java.util.Random(42).nextBytes(binary);
        assertThatThrownBy(() -> read(new ByteArrayInputStream(binary)))
                .isInstanceOf(CustomerFileRejectedException.class);
        assertThatThrownBy(() -> read("")).isInstanceOf(CustomerFileRejectedException.class);
    }

    @Test
    void an_unbalanced_quote_stops_the_reading_with_a_line_number_and_keeps_the_rows_before() throws IOException {
        read("customer_id;company_name;contact_name;email;siren;siret;language;segment;account_manager\n"
                + "A1;Garage;Anne;anne@garage.example;;;fr;sme;anna\n"
                + "A2;\"Broken;Bob;bob@b.example;;;fr;sme;anna\n"
                + "A3;Fine;Carl;carl@c.example;;;fr;sme;anna\n");
        assertThat(rows).extracting(CustomerRow::customerId).contains("A1");
        assertThat(problems).anySatisfy(p -> assertThat(p.reason()).contains("unbalanced quotes"));
    }
}
