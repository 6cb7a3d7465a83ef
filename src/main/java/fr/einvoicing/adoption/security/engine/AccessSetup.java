package fr.einvoicing.adoption.security.engine;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.task.TaskQuery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.MessageSource;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import fr.einvoicing.adoption.CampaignProperties;
import fr.einvoicing.adoption.security.Groups;

import static org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_GRANT;

/**
 * Puts in place, idempotently at each start, the groups, their engine authorizations and the
 * Tasklist filters; creates the first administrator (or the demo users in the demo profile).
 * Operators see their group's tasks and nothing else; campaign managers watch every instance.
 */
@Component
public class AccessSetup {

    private static final Logger log = LoggerFactory.getLogger(AccessSetup.class);

    /** The shared Tasklist filters, named in the operators' language from the staff messages. */
    static final String FILTER_GROUP_TASKS = "tasklistFilter.groupTasks";

    static final String FILTER_MY_TASKS = "tasklistFilter.myTasks";
    static final String FILTER_OVERDUE = "tasklistFilter.overdue";

    /** Passwords that are known to everyone and must never protect a real deployment. */
    static final Set<String> DEFAULT_PASSWORDS = Set.of(
            "demo",
            "admin",
            "password",
            "camunda",
            "changeme",
            "change-me",
            "secret",
            "123456",
            "12345678",
            "administrator",
            "root",
            "postgres",
            "letmein");

    static final Map<String, List<String>> DEMO_USERS = Map.of(
            "admin", List.of(Groups.CAMUNDA_ADMIN, Groups.CAMPAIGN_MANAGERS),
            "claire", List.of(Groups.CAMPAIGN_MANAGERS),
            "marc", List.of(Groups.CAMPAIGN_MANAGERS),
            "anna", List.of(Groups.ACCOUNT_MANAGERS),
            "sam", List.of(Groups.CUSTOMER_SERVICE),
            "dora", List.of(Groups.DATA_STEWARDS),
            "ivan", List.of(Groups.INTEGRATION_TEAM),
            "metrics", List.of(Groups.MONITORING));
    static final String DEMO_PASSWORD = "demo";

    private final IdentityService identity;
    private final AuthorizationService authorizations;
    private final FilterService filters;
    private final TaskService tasks;
    private final CampaignProperties properties;
    private final MessageSource messages;
    private final Locale operatorLocale;
    /** The user names the engine accepts: its {@code user-resource-whitelist-pattern} (application.yml). */
    private final Pattern userName;

    public AccessSetup(
            IdentityService identity,
            AuthorizationService authorizations,
            FilterService filters,
            TaskService tasks,
            CampaignProperties properties,
            MessageSource messages,
            ProcessEngineConfigurationImpl engineConfiguration) {
        this.userName = Pattern.compile(engineConfiguration.getUserResourceWhitelistPattern());
        this.identity = identity;
        this.authorizations = authorizations;
        this.filters = filters;
        this.tasks = tasks;
        this.properties = properties;
        this.messages = messages;
        this.operatorLocale = properties.operatorLocale();
    }

    @EventListener
    @Order(0)
    public void onEngineReady(ApplicationStartedEvent event) {
        createGroups();
        grantGroupPermissions();
        createTaskFilters();
        if (properties.demoUsers()) {
            createDemoUsers();
        } else {
            bootstrapAdministrator();
        }
        bootstrapMetricsReader();
    }

    /** The account Prometheus scrapes with, when the deployment names one (campaign.security.metrics). */
    private void bootstrapMetricsReader() {
        var metrics = properties.security().metrics();
        if (metrics.username().isBlank() && metrics.password().isBlank()) {
            return;
        }
        String problem = accountProblem(metrics.username(), metrics.password());
        if (problem != null) {
            throw new IllegalStateException(
                    "Refusing to start: the metrics account (campaign.security.metrics) " + problem + ".");
        }
        if (identity.createUserQuery().userId(metrics.username()).count() == 0) {
            User user = identity.newUser(metrics.username());
            user.setFirstName("Metrics");
            user.setLastName(metrics.username());
            user.setPassword(metrics.password());
            identity.saveUser(user);
            identity.createMembership(metrics.username(), Groups.MONITORING);
            log.info("Metrics account created");
        }
    }

    /** The groups, named in the operators' language (renamed when the deployment changes it). */
    private void createGroups() {
        for (List<String> g : Groups.ALL) {
            String id = g.get(0);
            String name = messages.getMessage("group." + id, null, g.get(1), operatorLocale);
            Group group = identity.createGroupQuery().groupId(id).singleResult();
            if (group == null) {
                group = identity.newGroup(id);
                group.setType(id.equals(Groups.CAMUNDA_ADMIN) ? "SYSTEM" : "WORKFLOW");
            } else if (name.equals(group.getName()) || !ourName(id, g.get(1), group.getName())) {
                continue; // already so, or renamed by an administrator: kept
            }
            group.setName(name);
            identity.saveGroup(group);
        }
    }

    private boolean ourName(String id, String english, String current) {
        return Stream.of(Locale.ENGLISH, Locale.FRENCH)
                .map(language -> messages.getMessage("group." + id, null, english, language))
                .anyMatch(ours -> ours.equals(current));
    }

    private void grantGroupPermissions() {
        for (Resource resource : Resources.values()) {
            grant(Groups.CAMUNDA_ADMIN, resource, "*", Permissions.ALL);
        }
        for (String group : Groups.OPERATORS) {
            grant(group, Resources.APPLICATION, "tasklist", Permissions.ACCESS);
            // process and form definitions only: no instance, no variable, no history
            grant(group, Resources.PROCESS_DEFINITION, "*", Permissions.READ);
        }
        String managers = Groups.CAMPAIGN_MANAGERS;
        grant(managers, Resources.APPLICATION, "cockpit", Permissions.ACCESS);
        grant(
                managers,
                Resources.PROCESS_DEFINITION,
                "*",
                Permissions.READ,
                ProcessDefinitionPermissions.READ_INSTANCE,
                ProcessDefinitionPermissions.READ_HISTORY,
                ProcessDefinitionPermissions.READ_TASK,
                ProcessDefinitionPermissions.UPDATE_TASK,
                ProcessDefinitionPermissions.UPDATE_INSTANCE,
                ProcessDefinitionPermissions.RETRY_JOB);
        grant(managers, Resources.PROCESS_INSTANCE, "*", Permissions.READ, Permissions.UPDATE);
        grant(managers, Resources.TASK, "*", Permissions.READ, Permissions.UPDATE);
        grant(managers, Resources.DECISION_DEFINITION, "*", Permissions.READ, Permissions.READ_HISTORY);
        grant(managers, Resources.DEPLOYMENT, "*", Permissions.READ);
    }

    private void grant(String group, Resource resource, String resourceId, Permission... permissions) {
        Authorization existing = authorizations
                .createAuthorizationQuery()
                .authorizationType(AUTH_TYPE_GRANT)
                .groupIdIn(group)
                .resourceType(resource)
                .resourceId(resourceId)
                .singleResult();
        Authorization authorization =
                existing != null ? existing : authorizations.createNewAuthorization(AUTH_TYPE_GRANT);
        authorization.setGroupId(group);
        authorization.setResource(resource);
        authorization.setResourceId(resourceId);
        for (Permission permission : permissions) {
            authorization.addPermission(permission);
        }
        authorizations.saveAuthorization(authorization);
    }

    private void createTaskFilters() {
        ensureFilter(
                FILTER_GROUP_TASKS,
                -10,
                "#1f77b4",
                tasks.createTaskQuery()
                        .taskCandidateGroupInExpression("${currentUserGroups()}")
                        .includeAssignedTasks()
                        .orderByDueDate()
                        .asc());
        ensureFilter(
                FILTER_MY_TASKS,
                -5,
                "#2ca02c",
                tasks.createTaskQuery()
                        .taskAssigneeExpression("${currentUser()}")
                        .orderByDueDate()
                        .asc());
        ensureFilter(
                FILTER_OVERDUE,
                0,
                "#d62728",
                tasks.createTaskQuery()
                        .taskCandidateGroupInExpression("${currentUserGroups()}")
                        .includeAssignedTasks()
                        .dueBeforeExpression("${now()}")
                        .orderByDueDate()
                        .asc());
    }

    /**
     * Creates the shared filter, or brings an existing one up to date with this version and with the
     * operators' language (found under its name in any language, then renamed).
     */
    private void ensureFilter(String key, int priority, String color, TaskQuery query) {
        String name = messages.getMessage(key + ".name", null, operatorLocale);
        Map<String, Object> props = new HashMap<>();
        props.put("description", messages.getMessage(key + ".description", null, operatorLocale));
        props.put("priority", priority);
        props.put("color", color);
        props.put("refresh", true);
        Filter filter = Stream.of(operatorLocale, Locale.ENGLISH, Locale.FRENCH)
                .map(language -> messages.getMessage(key + ".name", null, language))
                .map(any -> filters.createFilterQuery().filterName(any).singleResult())
                .filter(Objects::nonNull)
                .findFirst()
                .orElseGet(() -> filters.newTaskFilter(name));
        filter.setName(name).setQuery(query).setProperties(props);
        filters.saveFilter(filter);
        for (String group : Groups.OPERATORS) {
            grant(group, Resources.FILTER, filter.getId(), Permissions.READ);
        }
    }

    private void createDemoUsers() {
        DEMO_USERS.forEach((id, groups) -> {
            if (identity.createUserQuery().userId(id).count() == 0) {
                User user = identity.newUser(id);
                user.setFirstName(Character.toUpperCase(id.charAt(0)) + id.substring(1));
                user.setLastName("(demo)");
                user.setEmail(id + "@demo.invalid");
                user.setPassword(DEMO_PASSWORD);
                identity.saveUser(user);
                groups.forEach(group -> identity.createMembership(id, group));
            }
        });
        log.warn("Demo users are active (password '{}'). Never run the demo profile in production.", DEMO_PASSWORD);
    }

    private void bootstrapAdministrator() {
        var admin = properties.security().admin();
        boolean adminExists =
                identity.createUserQuery().memberOfGroup(Groups.CAMUNDA_ADMIN).count() > 0;
        if (admin.username().isBlank() && admin.password().isBlank()) {
            if (!adminExists) {
                throw new IllegalStateException(
                        "No administrator exists. Set CAMPAIGN_ADMIN_USERNAME and "
                                + "CAMPAIGN_ADMIN_PASSWORD (at least 12 characters, not a default password) for the first start.");
            }
            return;
        }
        String problem = accountProblem(admin.username(), admin.password());
        if (problem != null) {
            throw new IllegalStateException(
                    "Refusing to start: the administrator account (campaign.security.admin) " + problem + ".");
        }
        if (identity.createUserQuery().userId(admin.username()).count() == 0) {
            User user = identity.newUser(admin.username());
            user.setFirstName("Administrator");
            user.setLastName(admin.username());
            user.setPassword(admin.password());
            identity.saveUser(user);
            identity.createMembership(admin.username(), Groups.CAMUNDA_ADMIN);
            identity.createMembership(admin.username(), Groups.CAMPAIGN_MANAGERS);
            log.info("Administrator account created");
        }
    }

    /** Why an account given in the settings cannot be created, or null if it can. */
    private String accountProblem(String username, String password) {
        if (username == null || username.isBlank()) {
            return "has no user name";
        }
        if (!userName.matcher(username).matches()) {
            return "has a user name the engine refuses: use letters, digits, '.', '_' and '-', beginning with a"
                    + " letter or a digit";
        }
        return passwordProblem(password);
    }

    /** Why a password must not protect a deployment, or null if it may. */
    static String passwordProblem(String password) {
        if (password == null || password.isBlank()) {
            return "has no password";
        }
        if (DEFAULT_PASSWORDS.contains(password.toLowerCase())) {
            return "uses a default password";
        }
        if (password.length() < 12) {
            return "has a password shorter than 12 characters";
        }
        return null;
    }
}
