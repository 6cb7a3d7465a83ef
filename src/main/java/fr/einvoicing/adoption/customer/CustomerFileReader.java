package fr.einvoicing.adoption.customer;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.csv.DuplicateHeaderMode;

/**
 * Reads a customer file (CSV, UTF-8 with or without BOM, {@code ;} or {@code ,} separated, header row)
 * one row at a time: memory does not grow with the file. Each good row goes to the sink; each bad
 * row is reported with its line number and reason, and the reading goes on.
 */
public final class CustomerFileReader {

    public static final List<String> REQUIRED_COLUMNS = List.of(
            "customer_id",
            "company_name",
            "contact_name",
            "email",
            "siren",
            "siret",
            "language",
            "segment",
            "account_manager");
    /** Optional columns the consent-requirement decision reads; left empty, they take their default. */
    public static final List<String> CONSENT_COLUMNS = List.of("country", "vat_registered", "public_entity");

    public static final List<String> LANGUAGES = List.of("fr", "en");
    private static final Pattern COUNTRY = Pattern.compile("^[A-Za-z]{2}$");
    private static final List<String> YES = List.of("yes", "y", "true", "1", "oui", "o");
    private static final List<String> NO = List.of("no", "n", "false", "0", "non");

    private static final Pattern EMAIL =
            Pattern.compile("^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
                    + "(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$");
    private static final Pattern CUSTOMER_ID = Pattern.compile("^[A-Za-z0-9._/-]{1,64}$");
    private static final int SNIFF_BYTES = 8192;
    /** The longest value each column may hold (the sizes of the columns that store them). */
    static final Map<String, Integer> MAX_LENGTHS =
            Map.of("company_name", 300, "contact_name", 200, "segment", 60, "account_manager", 100);
    /** Every other column is kept as a customer attribute; all of them together fit in this many characters. */
    static final int MAX_ATTRIBUTES_LENGTH = 4000;

    /** Where rows go. */
    public interface RowSink {
        void accept(CustomerRow row);

        void reject(RowProblem problem);
    }

    /** Totals of one reading. */
    public record Summary(long rowsRead, long rowsAccepted, long rowsRejected) {}

    private final String defaultLanguage;

    public CustomerFileReader(String defaultLanguage) {
        this.defaultLanguage = defaultLanguage == null ? "fr" : defaultLanguage;
    }

    public static boolean isValidEmail(String email) {
        return email != null && email.length() <= 320 && EMAIL.matcher(email).matches();
    }

    /**
     * Checks that the file can be imported at all (a CSV with the required columns and at least one
     * row) without importing anything: throws {@link CustomerFileRejectedException} saying why not.
     */
    public void precheck(InputStream input) throws IOException {
        long[] rows = {0};
        try {
            read(input, new RowSink() {
                @Override
                public void accept(CustomerRow row) {
                    rows[0]++;
                    throw new FoundARow();
                }

                @Override
                public void reject(RowProblem problem) {
                    rows[0]++;
                    throw new FoundARow();
                }
            });
        } catch (FoundARow enough) {
            return;
        }
        if (rows[0] == 0) {
            throw new CustomerFileRejectedException(FileRefusal.NO_CUSTOMER);
        }
    }

    /** Stops a precheck at the first row: the header is fine and there is something to import. */
    private static final class FoundARow extends RuntimeException {
        FoundARow() {
            super(null, null, false, false);
        }
    }

    public Summary read(InputStream input, RowSink sink) throws IOException {
        BufferedInputStream in = new BufferedInputStream(input, 64 * 1024);
        rejectBinary(in);
        skipByteOrderMark(in);
        var decoder = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, decoder), 64 * 1024);
        char delimiter = sniffDelimiter(reader);

        CSVFormat format = CSVFormat.DEFAULT
                .builder()
                .setDelimiter(delimiter)
                .setHeader()
                .setSkipHeaderRecord(true)
                .setIgnoreEmptyLines(true)
                .setIgnoreSurroundingSpaces(true)
                .setTrim(true)
                .setDuplicateHeaderMode(DuplicateHeaderMode.DISALLOW)
                .setAllowMissingColumnNames(true)
                .get();
        CSVParser parser;
        try {
            parser = CSVParser.builder().setReader(reader).setFormat(format).get();
        } catch (IllegalArgumentException e) {
            throw new CustomerFileRejectedException(FileRefusal.HEADER_UNREADABLE, String.valueOf(e.getMessage()));
        }
        try (parser) {
            List<String> header = normalisedHeader(parser.getHeaderNames());
            checkRequiredColumns(header);
            return readRows(parser, header, sink);
        }
    }

    private Summary readRows(CSVParser parser, List<String> header, RowSink sink) {
        long read = 0;
        long accepted = 0;
        long rejected = 0;
        long previousEndLine = parser.getCurrentLineNumber();
        Iterator<CSVRecord> records = parser.iterator();
        while (true) {
            CSVRecord record;
            try {
                if (!records.hasNext()) {
                    break;
                }
                record = records.next();
            } catch (UncheckedIOException | IllegalStateException e) {
                sink.reject(ImportReason.MALFORMED_CSV.of(previousEndLine + 1, null));
                rejected++;
                break;
            }
            read++;
            long line = firstLineOf(record, previousEndLine);
            previousEndLine = parser.getCurrentLineNumber();
            Problem problem = problemOf(record, header);
            if (problem != null) {
                sink.reject(problem.reason().of(line, cell(record, header, "customer_id"), problem.values()));
                rejected++;
            } else {
                sink.accept(toRow(line, record, header));
                accepted++;
            }
        }
        return new Summary(read, accepted, rejected);
    }

    /** The line the record starts on, counting the header as line 1. */
    private static long firstLineOf(CSVRecord record, long previousEndLine) {
        // the parser counts line breaks consumed; a record starts right after the previous one
        // (blank lines in between are skipped by the parser and are rare enough to ignore)
        long byCount = previousEndLine + 1;
        return Math.max(byCount, record.getRecordNumber() + 1);
    }

    /** A reason with the values it names. */
    private record Problem(ImportReason reason, Object... values) {}

    private Problem problemOf(CSVRecord record, List<String> header) {
        if (record.size() != header.size()) {
            return new Problem(ImportReason.WRONG_COLUMN_COUNT, header.size(), record.size());
        }
        for (int i = 0; i < record.size(); i++) {
            String value = record.get(i);
            if (value.indexOf('\uFFFD') >= 0) {
                return new Problem(ImportReason.BAD_ENCODING);
            }
            if (hasControlCharacter(value)) {
                return new Problem(ImportReason.CONTROL_CHARACTER, columnName(header, i));
            }
        }
        for (var limit : MAX_LENGTHS.entrySet()) {
            int length = cell(record, header, limit.getKey()).length();
            if (length > limit.getValue()) {
                return new Problem(ImportReason.TOO_LONG, limit.getKey(), length, limit.getValue());
            }
        }
        int attributes = attributesLength(record, header);
        if (attributes > MAX_ATTRIBUTES_LENGTH) {
            return new Problem(ImportReason.ATTRIBUTES_TOO_LONG, attributes, MAX_ATTRIBUTES_LENGTH);
        }
        String customerId = cell(record, header, "customer_id");
        if (customerId.isEmpty()) {
            return new Problem(ImportReason.CUSTOMER_ID_MISSING);
        }
        if (!CUSTOMER_ID.matcher(customerId).matches()) {
            return new Problem(ImportReason.CUSTOMER_ID_INVALID, customerId);
        }
        if (cell(record, header, "company_name").isEmpty()) {
            return new Problem(ImportReason.COMPANY_NAME_MISSING);
        }
        String email = cell(record, header, "email");
        if (email.isEmpty()) {
            return new Problem(ImportReason.EMAIL_MISSING);
        }
        if (!isValidEmail(email)) {
            return new Problem(ImportReason.EMAIL_INVALID, email);
        }
        String siren = cell(record, header, "siren");
        var sirenProblem = CompanyIdentifiers.sirenProblem(siren);
        if (sirenProblem.isPresent()) {
            return new Problem(sirenProblem.get());
        }
        var siretProblem = CompanyIdentifiers.siretProblem(cell(record, header, "siret"), siren);
        if (siretProblem.isPresent()) {
            return siretProblem.get() == ImportReason.SIRET_OF_OTHER_COMPANY
                    ? new Problem(siretProblem.get(), siren)
                    : new Problem(siretProblem.get());
        }
        String language = cell(record, header, "language").toLowerCase(Locale.ROOT);
        if (!language.isEmpty() && !LANGUAGES.contains(language)) {
            return new Problem(ImportReason.LANGUAGE_UNKNOWN, language);
        }
        String country = cell(record, header, "country");
        if (!country.isEmpty() && !COUNTRY.matcher(country).matches()) {
            return new Problem(ImportReason.COUNTRY_INVALID, country);
        }
        for (String column : List.of("vat_registered", "public_entity")) {
            String flag = cell(record, header, column).toLowerCase(Locale.ROOT);
            if (!flag.isEmpty() && !YES.contains(flag) && !NO.contains(flag)) {
                return new Problem(ImportReason.FLAG_INVALID, column, flag);
            }
        }
        return null;
    }

    /** Line breaks and tabs may sit inside a quoted cell; no other control character belongs in a customer file. */
    private static boolean hasControlCharacter(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F) {
                return true;
            }
        }
        return false;
    }

    private static String columnName(List<String> header, int index) {
        return index < header.size() && !header.get(index).isEmpty() ? header.get(index) : String.valueOf(index + 1);
    }

    /** The length of the extra columns as stored (JSON: quotes, separators and escapes counted). */
    private static int attributesLength(CSVRecord record, List<String> header) {
        int length = 2;
        for (int i = 0; i < header.size() && i < record.size(); i++) {
            if (isAttribute(header.get(i)) && !record.get(i).isEmpty()) {
                length += jsonLength(header.get(i)) + jsonLength(record.get(i)) + 2;
            }
        }
        return length;
    }

    private static int jsonLength(String text) {
        int length = 2;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            length += c == '"' || c == '\\' || c == '\n' || c == '\r' || c == '\t' ? 2 : c < 0x20 ? 6 : 1;
        }
        return length;
    }

    private static boolean isAttribute(String column) {
        return !column.isEmpty() && !REQUIRED_COLUMNS.contains(column) && !CONSENT_COLUMNS.contains(column);
    }

    private CustomerRow toRow(long line, CSVRecord record, List<String> header) {
        Map<String, String> attributes = new LinkedHashMap<>();
        for (int i = 0; i < header.size(); i++) {
            String column = header.get(i);
            if (isAttribute(column) && !record.get(i).isEmpty()) {
                attributes.put(column, record.get(i));
            }
        }
        String language = cell(record, header, "language").toLowerCase(Locale.ROOT);
        return new CustomerRow(
                line,
                cell(record, header, "customer_id"),
                cell(record, header, "company_name"),
                emptyToNull(cell(record, header, "contact_name")),
                cell(record, header, "email").toLowerCase(Locale.ROOT),
                emptyToNull(cell(record, header, "siren")),
                emptyToNull(cell(record, header, "siret")),
                language.isEmpty() ? defaultLanguage : language,
                emptyToNull(cell(record, header, "segment")),
                emptyToNull(cell(record, header, "account_manager")),
                attributes,
                cell(record, header, "country").isEmpty()
                        ? "FR"
                        : cell(record, header, "country").toUpperCase(Locale.ROOT),
                flag(cell(record, header, "vat_registered"), true),
                flag(cell(record, header, "public_entity"), false));
    }

    private static boolean flag(String value, boolean whenEmpty) {
        return value.isEmpty() ? whenEmpty : YES.contains(value.toLowerCase(Locale.ROOT));
    }

    private static String cell(CSVRecord record, List<String> header, String column) {
        int index = header.indexOf(column);
        return index >= 0 && index < record.size() ? record.get(index).trim() : "";
    }

    private static String emptyToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }

    private static List<String> normalisedHeader(List<String> names) {
        List<String> header = new ArrayList<>(names.size());
        for (String name : names) {
            header.add(name == null ? "" : name.trim().toLowerCase(Locale.ROOT).replace(' ', '_'));
        }
        return header;
    }

    private static void checkRequiredColumns(List<String> header) {
        List<String> missing =
                REQUIRED_COLUMNS.stream().filter(c -> !header.contains(c)).toList();
        if (!missing.isEmpty()) {
            throw new CustomerFileRejectedException(
                    missing.size() > 1 ? FileRefusal.MISSING_COLUMNS : FileRefusal.MISSING_COLUMN,
                    String.join(", ", missing),
                    String.join(", ", REQUIRED_COLUMNS));
        }
    }

    private static void rejectBinary(BufferedInputStream in) throws IOException {
        in.mark(SNIFF_BYTES);
        byte[] head = in.readNBytes(SNIFF_BYTES);
        in.reset();
        if (head.length == 0) {
            throw new CustomerFileRejectedException(FileRefusal.EMPTY);
        }
        for (byte b : head) {
            if (b == 0) {
                throw new CustomerFileRejectedException(FileRefusal.BINARY);
            }
        }
        if (head.length > 3 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4) {
            throw new CustomerFileRejectedException(FileRefusal.SPREADSHEET);
        }
    }

    private static void skipByteOrderMark(BufferedInputStream in) throws IOException {
        in.mark(3);
        byte[] bom = in.readNBytes(3);
        if (!(bom.length == 3 && (bom[0] & 0xFF) == 0xEF && (bom[1] & 0xFF) == 0xBB && (bom[2] & 0xFF) == 0xBF)) {
            in.reset();
        }
    }

    private static char sniffDelimiter(BufferedReader reader) throws IOException {
        // the header is read without readLine(): a first line longer than the mark must not break reset()
        reader.mark(SNIFF_BYTES);
        StringBuilder firstLine = new StringBuilder();
        for (int c = reader.read();
                c >= 0 && c != '\n' && c != '\r' && firstLine.length() < SNIFF_BYTES - 1;
                c = reader.read()) {
            firstLine.append((char) c);
        }
        reader.reset();
        if (firstLine.toString().isBlank()) {
            throw new CustomerFileRejectedException(FileRefusal.NO_HEADER);
        }
        long semicolons = firstLine.chars().filter(c -> c == ';').count();
        long commas = firstLine.chars().filter(c -> c == ',').count();
        if (semicolons == 0 && commas == 0) {
            throw new CustomerFileRejectedException(FileRefusal.NO_SEPARATOR, String.join(", ", REQUIRED_COLUMNS));
        }
        return semicolons > commas ? ';' : ',';
    }
}
