package fr.einvoicing.adoption.customer;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.LongConsumer;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Imports a customer file into a campaign in bounded chunks: each chunk is its own transaction, so a
 * file of any size keeps memory flat, and the good rows go through whatever the bad ones contain.
 */
@Service
public class CustomerImporter {

    static final int CHUNK_SIZE = 500;

    private final CampaignCustomers customers;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final TransactionTemplate withSavepoint;

    public CustomerImporter(
            CampaignCustomers customers,
            JdbcClient jdbc,
            TransactionTemplate transactions,
            PlatformTransactionManager transactionManager) {
        this.customers = customers;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.withSavepoint = new TransactionTemplate(transactionManager);
        this.withSavepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    }

    /** Totals of an import. */
    public record ImportSummary(long rowsRead, long imported, long rejected) {}

    public ImportSummary importFile(
            long campaignId,
            String campaignCode,
            String defaultLanguage,
            InputStream file,
            LongConsumer rowsReadProgress)
            throws IOException {
        Chunker chunker = new Chunker(campaignId, campaignCode, rowsReadProgress);
        new CustomerFileReader(defaultLanguage).read(file, chunker);
        chunker.flush();
        return new ImportSummary(chunker.read, chunker.imported, chunker.rejected);
    }

    /** Between the values of a reason in the database (a character no customer file holds). */
    private static final String VALUE_SEPARATOR = "\u001F";

    public List<RowProblem> problems(long campaignId, int limit) {
        return jdbc.sql(
                        "select line_number, customer_id, reason, reason_code, reason_values from customer_import_problem"
                                + " where campaign_id = ? order by line_number fetch first ? rows only")
                .param(campaignId)
                .param(limit)
                .query((rs, i) -> new RowProblem(
                        rs.getLong(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5) == null
                                ? List.of()
                                : List.of(rs.getString(5).split(VALUE_SEPARATOR, -1))))
                .list();
    }

    public long problemCount(long campaignId) {
        return jdbc.sql("select count(*) from customer_import_problem where campaign_id = ?")
                .param(campaignId)
                .query(Long.class)
                .single();
    }

    private final class Chunker implements CustomerFileReader.RowSink {
        private final long campaignId;
        private final String campaignCode;
        private final LongConsumer progress;
        private final List<CustomerRow> rows = new ArrayList<>(CHUNK_SIZE);
        private final List<RowProblem> problems = new ArrayList<>();
        private long read;
        private long imported;
        private long rejected;

        Chunker(long campaignId, String campaignCode, LongConsumer progress) {
            this.campaignId = campaignId;
            this.campaignCode = campaignCode;
            this.progress = progress;
        }

        @Override
        public void accept(CustomerRow row) {
            read++;
            rows.add(row);
            if (rows.size() >= CHUNK_SIZE) {
                flush();
            }
        }

        @Override
        public void reject(RowProblem problem) {
            read++;
            problems.add(problem);
            if (problems.size() >= CHUNK_SIZE) {
                flush();
            }
        }

        void flush() {
            List<CustomerRow> chunk = List.copyOf(rows);
            List<RowProblem> chunkProblems = new ArrayList<>(problems);
            rows.clear();
            problems.clear();
            transactions.executeWithoutResult(status -> {
                List<CustomerRow> unique = new ArrayList<>(chunk.size());
                Set<String> seen = new HashSet<>();
                for (CustomerRow row : chunk) {
                    if (!seen.add(row.customerId())) {
                        chunkProblems.add(duplicate(row));
                    } else {
                        unique.add(row);
                    }
                }
                List<CustomerRow> inserted = insertNewOnes(unique, chunkProblems);
                for (RowProblem problem : chunkProblems) {
                    jdbc.sql("insert into customer_import_problem (campaign_id, line_number, customer_id, reason,"
                                    + " reason_code, reason_values) values (?, ?, ?, ?, ?, ?)")
                            .param(campaignId)
                            .param(problem.lineNumber())
                            .param(truncate(problem.customerId(), 64))
                            .param(truncate(problem.reason(), 500))
                            .param(problem.code())
                            .param(
                                    problem.values().isEmpty()
                                            ? null
                                            : truncate(
                                                    String.join(
                                                            VALUE_SEPARATOR,
                                                            problem.values().stream()
                                                                    .map(v -> truncate(v, 200))
                                                                    .toList()),
                                                    1000))
                            .update();
                }
                imported += inserted.size();
                rejected += chunkProblems.size();
            });
            progress.accept(read);
        }

        /**
         * Inserts the chunk as it is: the unique key rejects a customer id already imported from an
         * earlier chunk. Only then (rarely) are the chunk's ids looked up, the duplicates reported and
         * the others inserted. No lookup per chunk: that is what kept large imports linear.
         */
        private List<CustomerRow> insertNewOnes(List<CustomerRow> rows, List<RowProblem> problems) {
            try {
                withSavepoint.executeWithoutResult(status -> customers.insertAll(campaignId, campaignCode, rows));
                return rows;
            } catch (DuplicateKeyException e) {
                Set<String> already = customers.existingIds(
                        campaignCode, rows.stream().map(CustomerRow::customerId).toList());
                List<CustomerRow> fresh = new ArrayList<>(rows.size());
                for (CustomerRow row : rows) {
                    if (already.contains(row.customerId())) {
                        problems.add(duplicate(row));
                    } else {
                        fresh.add(row);
                    }
                }
                customers.insertAll(campaignId, campaignCode, fresh);
                return fresh;
            }
        }

        private static RowProblem duplicate(CustomerRow row) {
            return ImportReason.DUPLICATE_CUSTOMER_ID.of(row.lineNumber(), row.customerId(), row.customerId());
        }

        private static String truncate(String value, int max) {
            return value == null || value.length() <= max ? value : value.substring(0, max);
        }
    }
}
