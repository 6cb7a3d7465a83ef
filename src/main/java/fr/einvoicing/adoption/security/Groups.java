package fr.einvoicing.adoption.security;

import java.util.List;

/** The groups people belong to. Task routing (DMN, models) and page access name these ids. */
public final class Groups {

    public static final String CAMPAIGN_MANAGERS = "campaign-managers";
    public static final String ACCOUNT_MANAGERS = "account-managers";
    public static final String CUSTOMER_SERVICE = "customer-service";
    public static final String DATA_STEWARDS = "data-stewards";
    public static final String INTEGRATION_TEAM = "integration-team";
    public static final String CAMUNDA_ADMIN = "camunda-admin";
    /** Reads the operators' metrics ({@code /actuator/prometheus}) and nothing else: Prometheus's account. */
    public static final String MONITORING = "monitoring";

    /** Groups that work tasks in Tasklist. */
    public static final List<String> OPERATORS =
            List.of(CAMPAIGN_MANAGERS, ACCOUNT_MANAGERS, CUSTOMER_SERVICE, DATA_STEWARDS, INTEGRATION_TEAM);

    public static final List<List<String>> ALL = List.of(
            List.of(CAMPAIGN_MANAGERS, "Campaign managers"),
            List.of(ACCOUNT_MANAGERS, "Account managers"),
            List.of(CUSTOMER_SERVICE, "Customer service"),
            List.of(DATA_STEWARDS, "Data stewards"),
            List.of(INTEGRATION_TEAM, "Integration team"),
            List.of(CAMUNDA_ADMIN, "Camunda administrators"),
            List.of(MONITORING, "Monitoring (metrics readers)"));

    private Groups() {}
}
