package fr.einvoicing.adoption.report;

/**
 * Cells of the CSV files the application exports. A cell that a spreadsheet would run as a formula
 * (it starts with =, +, -, @, a tab or a carriage return) is prefixed with a single quote, so that
 * a customer's free text can never execute in a manager's spreadsheet.
 */
public final class CsvCells {

    private CsvCells() {}

    public static String safe(Object value) {
        if (value == null) {
            return "";
        }
        String text = value.toString();
        if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
            return "'" + text;
        }
        return text;
    }
}
