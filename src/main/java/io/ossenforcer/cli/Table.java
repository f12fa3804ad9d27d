package io.ossenforcer.cli;

import java.util.List;

/** Plain-text tables for terminals. */
final class Table {
    private Table() {
    }

    /** Left-aligned columns as wide as their widest cell (in code points, so CJK keys stay close). */
    static String of(List<List<String>> rows) {
        int columns = rows.get(0).size();
        int[] widths = new int[columns];
        for (List<String> row : rows) {
            for (int c = 0; c < columns; c++) {
                widths[c] = Math.max(widths[c], row.get(c).codePointCount(0, row.get(c).length()));
            }
        }
        StringBuilder s = new StringBuilder();
        for (List<String> row : rows) {
            for (int c = 0; c < columns; c++) {
                String cell = row.get(c);
                s.append(cell);
                if (c < columns - 1) {
                    s.append(" ".repeat(widths[c] - cell.codePointCount(0, cell.length()) + 2));
                }
            }
            s.append('\n');
        }
        return s.toString();
    }
}
