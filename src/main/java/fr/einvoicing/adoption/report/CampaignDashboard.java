package fr.einvoicing.adoption.report;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import fr.einvoicing.adoption.campaign.Campaign;
import fr.einvoicing.adoption.customer.CustomerStatus;

/**
 * The figures of one campaign as a manager watches them: the funnel, its evolution day by day,
 * breakdowns of what customers answered, and the open tasks. Every figure is one grouped query
 * over the application's tables (or the engine's task table), whatever the campaign's size.
 */
@Service
public class CampaignDashboard {

    private final JdbcClient jdbc;
    private final CampaignTasks tasks;
    private final Clock clock;

    public CampaignDashboard(JdbcClient jdbc, CampaignTasks tasks, Clock clock) {
        this.jdbc = jdbc;
        this.tasks = tasks;
        this.clock = clock;
    }

    /**
     * One bar of a chart. In the funnel, {@code label} is the bar's code (its text is {@code funnel.<code>}
     * in the staff messages); in a breakdown it is what customers answered (a segment, a tool, a format code),
     * with {@code NONE}, {@code NOT_SAID} and {@code NOT_GIVEN} for no answer.
     */
    public record Bar(String label, long value) {}

    /** How long is left before the deadline, or how long ago it passed; pages word it in their language. */
    public record Countdown(boolean passed, long days, long hours, long minutes) {}

    public record Day(LocalDate day, long answers, long accepted, long refused) {}

    public record GroupTasks(String group, long open, long overdue) {}

    public record View(
            List<Bar> funnel,
            List<Day> evolution,
            Map<String, List<Bar>> breakdowns,
            List<GroupTasks> tasks,
            Countdown countdown) {

        public long funnelMax() {
            return Math.max(1, funnel.stream().mapToLong(Bar::value).max().orElse(1));
        }

        public long evolutionMax() {
            return Math.max(1, evolution.stream().mapToLong(Day::answers).max().orElse(1));
        }

        /** SVG polyline points of one series (answers, accepted, refused) in a 600 x 160 box. */
        public String line(String series) {
            if (evolution.isEmpty()) {
                return "";
            }
            StringBuilder points = new StringBuilder();
            int n = evolution.size();
            for (int i = 0; i < n; i++) {
                Day d = evolution.get(i);
                long v =
                        switch (series) {
                            case "accepted" -> d.accepted();
                            case "refused" -> d.refused();
                            default -> d.answers();
                        };
                double y = 150 - 140.0 * v / evolutionMax();
                if (n == 1) {
                    // a single day: a level line across, so that it shows
                    points.append(String.format(java.util.Locale.ROOT, "10,%.1f 590,%.1f", y, y));
                    break;
                }
                double x = 10 + 580.0 * i / (n - 1);
                points.append(String.format(java.util.Locale.ROOT, "%.1f,%.1f ", x, y));
            }
            return points.toString().trim();
        }
    }

    public View of(Campaign campaign) {
        return new View(
                funnel(campaign.id()),
                evolution(campaign),
                breakdowns(campaign.id()),
                openTasks(campaign.code()),
                countdown(campaign));
    }

    List<Bar> funnel(long campaignId) {
        Map<String, Object> row = jdbc.sql(
                        """
                select count(*) as customers,
                       sum(case when letter_delivered then 1 else 0 end) as delivered,
                       sum(case when status = 'ACCEPTED_EXPLICITLY' then 1 else 0 end) as explicit_,
                       sum(case when status = 'ACCEPTED_TACITLY' then 1 else 0 end) as tacit,
                       sum(case when status = 'REFUSED' then 1 else 0 end) as refused,
                       sum(case when status = 'INFORMED' then 1 else 0 end) as informed,
                       sum(case when status = 'NOT_REACHED' then 1 else 0 end) as not_reached,
                       sum(case when consent_mode = 'INFORM_ONLY' then 1 else 0 end) as inform_only,
                       sum(case when status in %s then 1 else 0 end) as pending
                from campaign_customer where campaign_id = ?"""
                                .formatted(CustomerStatus.sqlList(s -> !s.isSettled())))
                .param(campaignId)
                .query()
                .singleRow();
        // refused by the mail server at some point, whatever came of the customer after
        long bounced = jdbc.sql(
                        """
                select count(distinct d.campaign_customer_id) from mail_delivery d
                join letter l on l.id = d.letter_id
                join campaign_customer c on c.id = d.campaign_customer_id
                where c.campaign_id = ? and d.status = 'REFUSED' and l.kind in ('LETTER', 'INFORMATION')""")
                .param(campaignId)
                .query(Long.class)
                .single();
        long answered = jdbc.sql(
                        """
                select count(distinct r.campaign_customer_id) from customer_response r
                join campaign_customer c on c.id = r.campaign_customer_id where c.campaign_id = ?""")
                .param(campaignId)
                .query(Long.class)
                .single();
        List<Bar> funnel = new ArrayList<>();
        funnel.add(new Bar("customers", n(row.get("customers"))));
        funnel.add(new Bar("delivered", n(row.get("delivered"))));
        funnel.add(new Bar("refusedByMailServer", bounced));
        funnel.add(new Bar("answered", answered));
        funnel.add(new Bar("acceptedExplicitly", n(row.get("explicit_"))));
        funnel.add(new Bar("acceptedTacitly", n(row.get("tacit"))));
        funnel.add(new Bar("refused", n(row.get("refused"))));
        funnel.add(new Bar("notReached", n(row.get("not_reached"))));
        if (n(row.get("inform_only")) > 0) {
            // customers whose consent is not needed (consent-requirement.dmn): informed, not asked
            funnel.add(new Bar("informed", n(row.get("informed"))));
        }
        funnel.add(new Bar("pending", n(row.get("pending"))));
        return funnel;
    }

    List<Day> evolution(Campaign campaign) {
        ZoneId zone = campaign.settings().zone();
        Map<LocalDate, long[]> days = new TreeMap<>();
        jdbc.sql(
                        """
                select r.received_at from customer_response r
                join campaign_customer c on c.id = r.campaign_customer_id where c.campaign_id = ?""")
                .param(campaign.id())
                .query((java.sql.ResultSet rs) -> {
                    var at = rs.getObject(1, java.time.OffsetDateTime.class);
                    days.computeIfAbsent(at.atZoneSameInstant(zone).toLocalDate(), d -> new long[3])[0]++;
                });
        jdbc.sql(
                        """
                select outcome_at, status from campaign_customer
                where campaign_id = ? and outcome_at is not null""")
                .param(campaign.id())
                .query((java.sql.ResultSet rs) -> {
                    var at = rs.getObject(1, java.time.OffsetDateTime.class);
                    long[] counts =
                            days.computeIfAbsent(at.atZoneSameInstant(zone).toLocalDate(), d -> new long[3]);
                    String status = rs.getString(2);
                    if (status.startsWith("ACCEPTED") || "INFORMED".equals(status)) {
                        counts[1]++;
                    } else if ("REFUSED".equals(status)) {
                        counts[2]++;
                    }
                });
        List<Day> evolution = new ArrayList<>();
        long answers = 0;
        long accepted = 0;
        long refused = 0;
        for (var e : days.entrySet()) {
            answers += e.getValue()[0];
            accepted += e.getValue()[1];
            refused += e.getValue()[2];
            evolution.add(new Day(e.getKey(), answers, accepted, refused));
        }
        return evolution;
    }

    Map<String, List<Bar>> breakdowns(long campaignId) {
        Map<String, List<Bar>> breakdowns = new LinkedHashMap<>();
        breakdowns.put(
                "acceptedBySegment",
                bars(
                        """
                select coalesce(segment, 'NONE'), count(*) from campaign_customer
                where campaign_id = ? and status in %s
                group by coalesce(segment, 'NONE') order by 2 desc"""
                                .formatted(CustomerStatus.sqlList(CustomerStatus::isAccepted)),
                        campaignId));
        breakdowns.put("supplierTool", answerBars("coalesce(r.supplier_tool, 'NONE')", campaignId));
        breakdowns.put("wantedFormat", answerBars("coalesce(r.wanted_format, 'NOT_SAID')", campaignId));
        breakdowns.put("deliveryMode", answerBars("coalesce(r.delivery_mode, 'NOT_SAID')", campaignId));
        breakdowns.put(
                "refusalReason",
                bars(
                        """
                select coalesce(r.refusal_reason, 'NOT_GIVEN'), count(*) from customer_response r
                join campaign_customer c on c.id = r.campaign_customer_id
                where c.campaign_id = ? and r.decision = 'REFUSE'
                group by coalesce(r.refusal_reason, 'NOT_GIVEN') order by 2 desc""",
                        campaignId));
        return breakdowns;
    }

    private List<Bar> answerBars(String expression, long campaignId) {
        return bars(
                "select " + expression + ", count(*) from customer_response r "
                        + "join campaign_customer c on c.id = r.campaign_customer_id "
                        + "where c.campaign_id = ? and r.decision in ('ACCEPT', 'DETAILS') group by " + expression
                        + " order by 2 desc",
                campaignId);
    }

    private List<Bar> bars(String sql, long campaignId) {
        return jdbc.sql(sql)
                .param(campaignId)
                .query((rs, i) -> new Bar(rs.getString(1), rs.getLong(2)))
                .list();
    }

    List<GroupTasks> openTasks(String campaignCode) {
        return tasks.openTasks(campaignCode, clock.instant());
    }

    Countdown countdown(Campaign campaign) {
        Duration left =
                Duration.between(clock.instant(), campaign.settings().deadline().toInstant());
        boolean passed = left.isNegative();
        Duration d = passed ? left.negated() : left;
        return new Countdown(passed, d.toDays(), d.toHoursPart(), d.toMinutesPart());
    }

    private static long n(Object value) {
        return value == null ? 0 : ((Number) value).longValue();
    }
}
