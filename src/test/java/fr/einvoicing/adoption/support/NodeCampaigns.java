package fr.einvoicing.adoption.support;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A campaign run over the REST API against application nodes started as JVMs of their own
 * ({@link AppNode}), as an integrator or a manager's script would: a second campaign manager for the
 * four-eyes approval, a campaign with generated customers, its approval, and counts read straight
 * from the shared PostgreSQL.
 */
public final class NodeCampaigns {

    public static final String APPROVER = "approver";
    public static final String APPROVER_PASSWORD = "Approve-" + java.util.UUID.randomUUID();
    private static final ObjectMapper JSON = new ObjectMapper();

    private NodeCampaigns() {}

    /** Creates the second campaign manager, who approves what the operator created. */
    public static void addApprover(StaffClient operator) {
        var created = operator.postJson(
                "/engine-rest/user/create",
                """
                {"profile": {"id": "%s", "firstName": "Marc", "lastName": "Approver", "email": "marc@example.com"},
                 "credentials": {"password": "%s"}}"""
                        .formatted(APPROVER, APPROVER_PASSWORD));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(204);
        var member = operator.putJson("/engine-rest/group/campaign-managers/members/" + APPROVER, "");
        assertThat(member.statusCode()).as(member.body()).isEqualTo(204);
    }

    /**
     * The settings of a French campaign sent as fast as the waves allow, its webinar a month after the
     * deadline (the letter must offer one); callers change what they test.
     */
    public static Map<String, Object> settings(String code, LocalDateTime deadline) {
        Map<String, Object> settings = new HashMap<>();
        settings.put("code", code);
        settings.put("name", "Passage à la facture électronique");
        settings.put("defaultLanguage", "fr");
        settings.put("responseDeadline", deadline.toString());
        settings.put("deadlineZone", "Europe/Paris");
        settings.put("firstEinvoiceDate", "2027-01-15");
        settings.put("silenceMeansAcceptance", true);
        settings.put("faqUrl", "https://example.com/faq");
        settings.put("contactName", "Claire Martin");
        settings.put("contactEmail", "claire.martin@example.com");
        settings.put("contactPhone", "+33 1 23 45 67 89");
        settings.put("lettersPerHour", 100_000);
        settings.put(
                "webinarAt",
                deadline.plusDays(30)
                        .withHour(11)
                        .withMinute(0)
                        .withSecond(0)
                        .withNano(0)
                        .toString());
        settings.put("webinarUrl", "https://webinar.example.com/einvoicing");
        return settings;
    }

    /** Customers K1..Kn at {@code k<i>@domain}, each with a valid SIREN of its own ({@link #siren(int)}). */
    public static byte[] customers(int count, String domain) {
        StringBuilder csv = new StringBuilder(
                "customer_id;company_name;contact_name;email;siren;siret;language;segment;account_manager\n");
        for (int i = 1; i <= count; i++) {
            csv.append("K")
                    .append(i)
                    .append(";Entreprise ")
                    .append(i)
                    .append(";Julie Martin;k")
                    .append(i)
                    .append("@")
                    .append(domain)
                    .append(';')
                    .append(siren(i))
                    .append(";;fr;sme;anna\n");
        }
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** A SIREN that passes the Luhn check, different for each {@code i}. */
    public static String siren(int i) {
        String body = String.format("%08d", 10_000_000 + i);
        for (int check = 0; check <= 9; check++) {
            String candidate = body + check;
            if (luhn(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("no check digit for " + body);
    }

    private static boolean luhn(String digits) {
        int sum = 0;
        for (int i = 0; i < digits.length(); i++) {
            int d = digits.charAt(digits.length() - 1 - i) - '0';
            if (i % 2 == 1) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
        }
        return sum % 10 == 0;
    }

    /** Creates the campaign and returns the id of its campaign process instance. */
    public static String create(StaffClient operator, Map<String, Object> settings, byte[] customers, int expected) {
        try {
            var response = operator.createCampaign(JSON.writeValueAsString(settings), customers);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
            JsonNode body = JSON.readTree(response.body());
            assertThat(body.get("imported").asInt()).isEqualTo(expected);
            return body.get("campaignProcess").asText();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The second campaign manager approves in Tasklist's REST API: the letters start going out. */
    public static void approve(StaffClient approver, String campaignProcess) {
        String query =
                "/engine-rest/task?processInstanceId=" + campaignProcess + "&taskDefinitionKey=Task_ApproveCampaign";
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(
                        JSON.readTree(approver.get(query).body()))
                .as(approver.get("/engine-rest/task?processInstanceId=" + campaignProcess)
                        .body())
                .hasSize(1));
        try {
            String taskId =
                    JSON.readTree(approver.get(query).body()).get(0).get("id").asText();
            var completed = approver.postJson(
                    "/engine-rest/task/" + taskId + "/complete",
                    "{\"variables\": {\"approvalDecision\": {\"value\": \"APPROVE\"}}}");
            assertThat(completed.statusCode()).as(completed.body()).isEqualTo(204);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    public static long count(String jdbcUrl, String sql) {
        try (Connection connection = DriverManager.getConnection(jdbcUrl, "postgres", "postgres");
                var statement = connection.createStatement();
                var rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    /** A two-column query (key, count) as a map, in the query's order. */
    public static Map<String, Long> counts(String jdbcUrl, String sql) {
        Map<String, Long> counts = new LinkedHashMap<>();
        try (Connection connection = DriverManager.getConnection(jdbcUrl, "postgres", "postgres");
                var statement = connection.createStatement();
                var rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                counts.put(rows.getString(1), rows.getLong(2));
            }
            return counts;
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    /** Every row of a query, each column as text (a PostgreSQL boolean reads "t" or "f", null "null"). */
    public static List<List<String>> rows(String jdbcUrl, String sql) {
        List<List<String>> rows = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(jdbcUrl, "postgres", "postgres");
                var statement = connection.createStatement();
                var result = statement.executeQuery(sql)) {
            int columns = result.getMetaData().getColumnCount();
            while (result.next()) {
                List<String> row = new ArrayList<>();
                for (int c = 1; c <= columns; c++) {
                    row.add(String.valueOf(result.getString(c)));
                }
                rows.add(row);
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }
}
